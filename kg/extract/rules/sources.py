"""Where a cited outlet is based: 'Minsk ZVEZDA in Belarusian 9 Oct 95', 'Paris AFP' (see
kg/extract/source_lines.py for the line's layout): the city of a source line is the outlet's."""
from __future__ import annotations

from collections.abc import Iterator

from kg.extract.rules.context import RuleContext
from kg.extract.source_lines import source_lines
from kg.models import Relation


def source_line_places(ctx: RuleContext) -> Iterator[Relation]:
    """locatedIn from each source line whose place and outlet are mentions."""
    for line in source_lines(ctx.doc, ctx.ontology):
        place, outlet = ctx.args.mention(line.place.root), ctx.args.mention(line.outlet.root)
        if place is not None and outlet is not None and place is not outlet:
            yield from ctx.relate(outlet, "locatedIn", place, line.outlet.root, "source-line", modal=False)
