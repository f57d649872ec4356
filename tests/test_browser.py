"""graph.html and report.html in headless Chromium, driven over the DevTools pipe, with every host unresolvable.

Each test does what an analyst would (click an entity, a link, tick filters, type in the search box,
ask for a path, export) and reads the page's state back: the attributes the explorer keeps on its
root element, the panel's text, the renderer's data sets.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kg.views.graphview import load_graph
from kg.views.headless import CHROMIUM, Browser
from kg.views.render import render_html
from kg.views.style import PALETTE
from kg.views.report import embeds, write_report

DATA = Path(__file__).parent / "data" / "small_graph.ttl"
ENT = "https://w3id.org/newskg/entity/"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="chromium not installed: apt-get install chromium chromium-driver"),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser")
    write_report(load_graph(DATA), out)
    return out


@pytest.fixture(scope="module")
def browser():
    with Browser(1400, 900) as b:
        yield b


@pytest.fixture()
def page(browser, built):
    """graph.html freshly opened; the test may add a #fragment with page.open(...)."""
    def open_page(fragment: str = "") -> Browser:
        browser.console.clear()
        browser.open("about:blank", ready="true")
        browser.open((built / "graph.html").as_uri() + fragment)
        return browser
    return open_page


def attr(b: Browser, name: str) -> str | None:
    return b.eval(f"document.body.getAttribute('data-{name}')")


def panel_text(b: Browser) -> str:
    return b.eval("document.querySelector('.kg-panel-body').innerText")


def node_point(b: Browser, iri: str) -> tuple[float, float]:
    """Where an entity is drawn, in page coordinates."""
    return tuple(b.eval(f"""(function () {{
        var net = document.body.kgNetwork, p = net.canvasToDOM(net.getPosition({json.dumps(iri)}));
        var r = document.querySelector('.kg-network').getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; }})()"""))


def click_button(b: Browser, selector: str) -> None:
    b.eval(f"document.querySelector({json.dumps(selector)}).click()")


def set_value(b: Browser, selector: str, value: str, event: str = "input") -> None:
    b.eval(f"""(function () {{ var e = document.querySelector({json.dumps(selector)});
        e.value = {json.dumps(value)}; e.dispatchEvent(new Event({json.dumps(event)})); }})()""")


def counts(b: Browser) -> tuple[int, int]:
    return int(attr(b, "visible-count")), int(attr(b, "visible-edges"))


def test_graph_page_draws_every_entity_offline(page):
    b = page()
    assert attr(b, "node-count") == "14" and attr(b, "edge-count") == "15" and attr(b, "drawn") == "true"
    assert b.eval("document.querySelector('.kg-counts').textContent") == "14 of 14 entities, 15 of 15 relations"
    assert b.console == []


def test_clicking_an_entity_opens_its_panel(page):
    b = page()
    b.click(*node_point(b, ENT + "john-healey"))
    b.wait("document.body.getAttribute('data-panel') === 'entity'")
    assert attr(b, "panel-id") == ENT + "john-healey"
    text = panel_text(b)
    assert "John Healey" in text and "Person" in text
    assert "Also: Healey, Mr Healey" in text and "Roles: UK Defence Secretary" in text
    assert "Facts out (3)" in text and "Facts in (0)" in text
    assert "→ serves → United Kingdom" in text
    assert "Documents (1)" in text
    assert "Healey: I want to send British troops to Ukraine · 2026-02-21 · The Telegraph" in text
    links = b.eval("Array.from(document.querySelectorAll('.kg-panel .kg-docs a')).map(a => a.href)")
    assert links and all(link.startswith("https://") for link in links)
    # a fact's sentences open on demand, each with its document and modality
    b.eval("document.querySelector('.kg-panel details[data-sentences]').open = true")
    b.wait("document.querySelector('.kg-panel details[data-sentences] .kg-sentence')")


def test_wikidata_link_in_the_panel(page):
    b = page("#entity=United%20Kingdom")
    assert b.eval("document.querySelector('.kg-wikidata').href") == "https://www.wikidata.org/wiki/Q145"
    assert "Facts in (" in panel_text(b) and "Britain, UK" in panel_text(b)


def test_clicking_a_link_lists_every_sentence(page):
    b = page()
    (x1, y1), (x2, y2) = node_point(b, ENT + "keir-starmer"), node_point(b, ENT + "united-kingdom")
    b.click((x1 + x2) / 2, (y1 + y2) / 2)
    b.wait("document.body.getAttribute('data-panel') === 'edge'")
    assert attr(b, "panel-id") == f"{ENT}keir-starmer https://w3id.org/newskg/ontology#leads {ENT}united-kingdom"
    text = panel_text(b)
    assert "Keir Starmer — leads → United Kingdom" in text and "1 sentence" in text
    assert b.eval("document.querySelectorAll('.kg-panel .kg-sentence').length") == 1
    assert "The Guardian" in text


def test_attributed_link_names_its_speaker_and_modality(page):
    b = page()
    b.eval("document.body.kgNetwork.emit('click', {nodes: [], edges: ["
           f"'{ENT}russia https://w3id.org/newskg/ontology#uses {ENT}shahed-136']}}); true")
    text = panel_text(b)
    assert "reported" in text and "according to Volodymyr Zelensky" in text


def test_class_filter_all_none_and_counts(page):
    b = page()
    click_button(b, "button[data-none='class']")
    assert counts(b) == (0, 0)
    assert b.eval("document.querySelector('.kg-counts').textContent") == "0 of 14 entities, 0 of 15 relations"
    click_button(b, "button[data-all='class']")
    assert counts(b) == (14, 15)
    b.eval("document.querySelector(\"input[data-class='Person']\").click()")
    assert counts(b)[0] == 9
    assert b.eval("document.querySelector(\".kg-class-count[data-class='Person']\").textContent") == "(0/5)"


def test_filters_combine(page):
    b = page()
    b.eval("document.querySelector(\"input[data-modality='asserted']\").click()")
    assert counts(b) == (14, 2)  # the planned and the reported link remain
    b.eval("document.querySelector(\"input[data-relation='uses']\").click()")
    assert counts(b) == (14, 1)
    b.eval("document.querySelector('.kg-only-linked').click()")
    assert counts(b) == (2, 1)  # United Kingdom -> Ukraine, planned
    click_button(b, "button[data-all='modality']")
    click_button(b, "button[data-all='relation']")
    b.eval("document.querySelector('.kg-only-linked').click()")
    set_value(b, ".kg-conf", "0.9")
    high = counts(b)
    assert high[1] < 15 and attr(b, "visible-edges") == str(high[1])
    set_value(b, ".kg-conf", "0")
    b.eval("document.querySelector(\"input[data-publisher='The Guardian']\").click()")
    telegraph = counts(b)
    assert telegraph[0] < 14 and telegraph[1] < 15  # only what The Telegraph's article says
    click_button(b, "button[data-all='publisher']")
    set_value(b, ".kg-date-from", "2026-02-22", "change")
    assert counts(b) != (14, 15)
    set_value(b, ".kg-date-from", "", "change")
    assert counts(b) == (14, 15)


def test_search_lists_names_aliases_and_sentences(page):
    b = page()
    set_value(b, ".kg-search", "healey")
    items = b.eval("Array.from(document.querySelectorAll('.kg-matches li')).map(li => li.innerText)")
    assert items[0].startswith("John Healey")
    set_value(b, ".kg-search", "ceasefire")
    items = b.eval("Array.from(document.querySelectorAll('.kg-matches li')).map(li => li.innerText)")
    assert any("sends troops to" in item and "ceasefire" in item for item in items)
    b.eval("document.querySelector('.kg-search').dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'}))")
    assert attr(b, "panel") == "edge"
    set_value(b, ".kg-search", "zzzz")
    assert b.eval("document.querySelector('.kg-search-status').textContent") == "no match"


def test_deep_links(page):
    b = page("#search=Mr%20Healey")
    assert attr(b, "selected") == ENT + "john-healey"
    b = page("#entity=Nato")
    assert attr(b, "selected") == ENT + "nato" and attr(b, "panel") == "entity"
    b = page("#entity=" + ENT + "russia")
    assert attr(b, "panel-id") == ENT + "russia"
    # focus keeps labels readable: it never zooms past 1:1, where labels are drawn at 13 px
    assert 0.3 <= float(attr(b, "focus-scale")) <= 1.0


def test_labels_fit_without_overlapping(page):
    b = page()
    b.wait("document.body.getAttribute('data-label-count') !== null")
    boxes = b.eval("""(function () {
        var net = document.body.kgNetwork, ctx = document.querySelector('canvas').getContext('2d'), out = [];
        ctx.font = '13px Helvetica';
        net.body.data.nodes.get().forEach(function (n) {
          if (!n.label) { return; }
          var p = net.canvasToDOM(net.getPosition(n.id)), w = ctx.measureText(n.label).width;
          out.push([p.x - w / 2, p.y, p.x + w / 2, p.y + 15, n.label]);
        });
        return out; })()""")
    assert len(boxes) >= 10
    for i, a in enumerate(boxes):
        for c in boxes[i + 1:]:
            overlap = a[0] < c[2] and a[2] > c[0] and abs(a[1] - c[1]) < 15 and abs(a[1] - c[1]) < 15
            assert not (overlap and abs(a[1] - c[1]) < 10), (a[4], c[4])


def test_expand_collapse_and_hide(page):
    b = page("#entity=John%20Healey")
    click_button(b, ".kg-panel button[data-act='collapse']")
    # Ukraine Defence Contact Group hangs on John Healey alone; the Ministry of Defence and the UK do not
    assert counts(b)[0] == 13
    assert b.eval(f"document.body.kgNetwork.body.data.nodes.get('{ENT}ukraine-defence-contact-group').hidden")
    click_button(b, ".kg-panel button[data-act='expand']")
    assert counts(b)[0] == 14
    click_button(b, ".kg-panel button[data-act='hide']")
    assert counts(b)[0] == 13
    assert b.eval("document.querySelector('.kg-hidden-count').textContent") == "1"
    click_button(b, ".kg-unhide")
    assert counts(b)[0] == 14
    # expanding shows neighbours the class filter hid
    b = page("#entity=John%20Healey")
    b.eval("document.querySelector(\"input[data-class='Country']\").click()")
    assert counts(b)[0] == 11
    click_button(b, ".kg-panel button[data-act='expand']")
    assert counts(b)[0] == 12  # the United Kingdom is back


def test_path_between_two_entities(page):
    b = page()
    set_value(b, ".kg-path-from", "Putin")
    set_value(b, ".kg-path-to", "John Healey")
    click_button(b, ".kg-path-go")
    path = attr(b, "path").split("|")
    assert path[0] == ENT + "vladimir-putin" and path[-1] == ENT + "john-healey"
    assert len(path) == 5  # Putin - Russia - Ukraine - United Kingdom - Healey
    assert b.eval("document.querySelector('.kg-path-status').textContent") == "4 steps"
    assert sorted(b.eval("document.body.kgNetwork.getSelectedNodes()")) == sorted(path)
    assert attr(b, "panel") == "path"


def test_colour_by_community_and_size_by_measure(page):
    b = page()
    uk = ENT + "united-kingdom"
    by_class = b.eval(f"document.body.kgNetwork.body.data.nodes.get('{uk}').color")
    set_value(b, ".kg-colour", "community", "change")
    assert attr(b, "colour") == "community"
    assert b.eval(f"document.body.kgNetwork.body.data.nodes.get('{uk}').color") != by_class
    sizes = {}
    for measure in ("pr", "deg", "men", "facts"):
        set_value(b, ".kg-size", measure, "change")
        sizes[measure] = b.eval(f"document.body.kgNetwork.body.data.nodes.get('{ENT}sabrina-miller').size")
    assert sizes["deg"] == 8  # no neighbours: the smallest dot
    assert len(set(sizes.values())) > 1


def test_export_visible_facts_and_picture(page):
    b = page()
    rows = list(csv.reader(io.StringIO(b.eval("document.body.kgExport.csv()"))))
    assert rows[0][:4] == ["subject", "relation", "object", "modality"]
    assert len(rows) - 1 == 16  # one row per sentence behind the 15 links
    assert ["United Kingdom", "sends troops to", "Ukraine", "planned"] == rows[[r[1] for r in rows].index(
        "sends troops to")][:4]
    b.eval("document.querySelector(\"input[data-modality='asserted']\").click()")
    assert len(list(csv.reader(io.StringIO(b.eval("document.body.kgExport.csv()"))))) - 1 == 2
    click_button(b, ".kg-export-csv")
    assert attr(b, "last-export") == "csv:2"
    click_button(b, ".kg-export-png")
    assert attr(b, "last-export").startswith("png:")
    assert b.eval("document.body.kgExport.png().slice(0, 22)") == "data:image/png;base64,"


HUB_TTL = [
    "@prefix kg: <https://w3id.org/newskg/ontology#> .", f"@prefix ent: <{ENT}> .",
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .", "@prefix prov: <http://www.w3.org/ns/prov#> .",
    "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .",
    "@prefix dcterms: <http://purl.org/dc/terms/> .",
    "@prefix doc: <https://w3id.org/newskg/document/> .",
    'ent:hub a kg:Person ; rdfs:label "Hub" .',
    'ent:ada a kg:Person ; rdfs:label "Ada Quill" ; kg:funds ent:bureau .',
    'ent:bureau a kg:Organization ; rdfs:label "Tallow Bureau" .',
    *(f'doc:d{i} a kg:Article ; dcterms:title "Dispatch {i}" ; dcterms:publisher "The Courier" .'
      for i in range(3)),
    *(f'ent:n{i} a kg:Person ; rdfs:label "N{i}" ; kg:meets ent:hub .' for i in range(30)),
    # one link behind twelve sentences, each asserted by someone quoted: a reported link
    *(f'<https://w3id.org/newskg/statement/s{i}> a rdf:Statement ; rdf:subject ent:ada ; '
      f'rdf:predicate kg:funds ; rdf:object ent:bureau ; prov:wasDerivedFrom doc:d{i % 3} ; '
      f'kg:confidence 0.8 ; kg:modality "asserted" ; kg:statedBy ent:n1 ; '
      f'kg:sentence "Ada Quill paid the Tallow Bureau a sum, number {i}." .' for i in range(12)),
]
FUNDS = f"{ENT}ada https://w3id.org/newskg/ontology#funds {ENT}bureau"


@pytest.fixture(scope="module")
def hub_page(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hub")
    (folder / "hub.ttl").write_text("\n".join(HUB_TTL) + "\n")
    return render_html(folder / "hub.ttl", folder / "hub.html")


def test_tooltips_are_bounded(browser, hub_page):
    browser.open(hub_page.as_uri())
    browser.eval("document.body.kgNetwork.emit('hoverNode', {node: '" + ENT + "hub', "
                 "pointer: {DOM: {x: 50, y: 50}}}); true")
    tip = browser.eval("document.querySelector('.kg-tip').innerText")
    assert "24 more relations: click for all" in tip
    assert len(tip.splitlines()) <= 10
    browser.eval(f"document.body.kgNetwork.emit('hoverEdge', {{edge: '{FUNDS}', "
                 "pointer: {DOM: {x: 50, y: 50}}}); true")
    tip = browser.eval("document.querySelector('.kg-tip').innerText")
    assert "10 more sentences: click for all" in tip and tip.count("Ada Quill paid") == 2
    # inside the page, whatever the pointer's place
    inside = browser.eval("""(function () { var t = document.querySelector('.kg-tip').getBoundingClientRect(),
        c = document.querySelector('.kg-network').getBoundingClientRect();
        return t.left >= c.left && t.right <= c.right && t.top >= c.top && t.bottom <= c.bottom; })()""")
    assert inside


def test_link_panel_lists_every_sentence_and_scrolls(browser, hub_page):
    browser.open(hub_page.as_uri())
    browser.eval(f"document.body.kgNetwork.emit('click', {{nodes: [], edges: ['{FUNDS}']}}); true")
    text = panel_text(browser)
    assert "12 sentences" in text
    assert browser.eval("document.querySelectorAll('.kg-panel .kg-sentence').length") == 12
    # a link only ever asserted by someone quoted is drawn dashed as reported, and the panel says so
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[1].startswith("reported · confidence 0.80 · according to N1"), lines[:3]
    assert "Dispatch 2 · The Courier" in text
    assert browser.eval("getComputedStyle(document.querySelector('.kg-panel-body')).overflowY") == "auto"



def test_link_tooltip_names_each_sentence_modality(page):
    b = page()
    b.eval("document.body.kgNetwork.emit('hoverEdge', {edge: '" + ENT + "united-kingdom "
           "https://w3id.org/newskg/ontology#sendsTroopsTo " + ENT + "ukraine', pointer: {DOM: {x: 9, y: 9}}}); true")
    tip = b.eval("document.querySelector('.kg-tip').innerText")
    assert "modality: planned" in tip and "planned: “I want to send British troops" in tip


def test_sidebar_folds_at_phone_width(built):
    with Browser(390, 800) as b:
        b.open((built / "graph.html").as_uri())
        assert b.eval("getComputedStyle(document.querySelector('.kg-side')).display") == "none"
        click_button(b, ".kg-toggle-side")
        assert b.eval("getComputedStyle(document.querySelector('.kg-side')).display") == "block"
        b.open((built / "graph.html").as_uri() + "#entity=Nato")
        panel = b.eval("document.querySelector('.kg-panel').getBoundingClientRect().width")
        assert panel == 390  # a sheet across the bottom


def test_report_embeds_a_working_view_and_links_into_graph_html(browser, built):
    browser.console.clear()
    browser.open((built / "report.html").as_uri(),
                 ready="document.querySelector('.kg-view') && document.querySelector('.kg-view').dataset.drawn")
    assert browser.eval("document.querySelector('.kg-view').getAttribute('data-node-count')") == "14"
    assert "Key players" in browser.eval("document.body.innerText")
    assert browser.console == []
    # an entity name in the report opens its panel in graph.html
    href = browser.eval("document.querySelector('#key-players a').href")
    assert href.endswith("graph.html#entity=united-kingdom")
    browser.open(href)
    assert attr(browser, "panel-id") == ENT + "united-kingdom"


def test_relation_labels_on_hover_and_when_zoomed_in(page):
    b = page()
    box = b.eval("(function () { var r = document.querySelector('.kg-network').getBoundingClientRect();"
                 " return [r.left + r.width / 2, r.top + r.height / 2]; })()")

    def zoom(delta: float) -> float:
        before = attr(b, "scale")
        b.wheel(*box, delta)
        b.wait(f"document.body.getAttribute('data-scale') !== {json.dumps(before)}")
        return float(attr(b, "scale"))

    while zoom(300) >= 0.8:
        pass
    assert attr(b, "edge-label-count") == "0" and int(attr(b, "label-count")) > 0
    # hovering a link names it, moving away does not
    (x1, y1), (x2, y2) = node_point(b, ENT + "keir-starmer"), node_point(b, ENT + "united-kingdom")
    b.move((x1 + x2) / 2, (y1 + y2) / 2)
    b.wait("document.body.getAttribute('data-edge-label-count') === '1'")
    leads = f"{ENT}keir-starmer https://w3id.org/newskg/ontology#leads {ENT}united-kingdom"
    assert b.eval(f"document.body.kgNetwork.body.data.edges.get('{leads}').label") == "leads"
    b.move(box[0] * 2 - 5, box[1] * 2 - 5)
    b.wait("document.body.getAttribute('data-edge-label-count') === '0'")
    # zoomed in, the links in view are named
    while zoom(-300) < 0.8:
        pass
    b.wait("Number(document.body.getAttribute('data-edge-label-count')) > 0")


def test_classes_are_drawn_in_distinct_palette_colours(page):
    b = page()
    drawn = b.eval("""(function () {
        var net = document.body.kgNetwork,
            ctx = document.querySelector('.kg-network canvas').getContext('2d'),
            dpr = window.devicePixelRatio || 1, out = {};
        net.body.data.nodes.get().forEach(function (n) {
          var cls = JSON.parse(document.getElementById('kg-data').textContent).nodes
            .filter(function (m) { return m.id === n.id; })[0].cls;
          var p = net.canvasToDOM({x: n.x, y: n.y}), px = ctx.getImageData(p.x * dpr, p.y * dpr, 1, 1).data;
          out[cls] = '#' + [px[0], px[1], px[2]].map(function (v) { return v.toString(16).padStart(2, '0'); })
            .join('').toUpperCase();
        });
        return out; })()""")
    assert len(drawn) == 8 and len(set(drawn.values())) == 8
    assert set(drawn.values()) <= set(PALETTE)


def test_several_embedded_views_share_one_renderer(browser, tmp_path):
    page = tmp_path / "two.html"
    page.write_text("<!doctype html><html><head><meta charset='utf-8'></head><body>"
                    + embeds([DATA, (DATA, {"focus": "Putin", "depth": 1})], height=300) + "</body></html>")
    browser.console.clear()
    browser.open(page.as_uri(), ready="document.querySelectorAll('.kg-view[data-drawn]').length === 2")
    counts_ = browser.eval("Array.from(document.querySelectorAll('.kg-view'))"
                           ".map(v => v.getAttribute('data-node-count'))")
    assert counts_ == ["14", "2"]  # the second: Putin and Russia
    copies = browser.eval("Array.from(document.querySelectorAll('script'))"
                          ".filter(s => s.textContent.includes('window.KGNetwork = KGNetwork')).length")
    assert copies == 1 and browser.console == []


def test_screenshot(browser, built, tmp_path):
    focus = render_html(load_graph(DATA), tmp_path / "focus.html", focus="United Kingdom", depth=1)
    for page, shot in ((built / "graph.html", tmp_path / "graph.png"), (focus, tmp_path / "focus.png")):
        browser.open(page.as_uri())
        data = browser.screenshot(shot).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(data) > 30_000  # a blank or error page compresses to a few KB
