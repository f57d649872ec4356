"""Tests for kg.cli: every command has help with an example; errors are one line with an exit status."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from conftest import ARTICLES, run_kg

from kg.cli import main

COMMANDS = sorted(main.commands)


def test_the_documented_commands_exist():
    assert {"build", "query", "stats", "render", "report", "validate", "serve"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_help_shows_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"kg {command}" in result.output


def test_top_level_help_shows_an_example():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0 and "Example" in result.output


def test_top_level_help_lists_the_subcommands():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_missing_corpus_is_one_line_and_exit_2(tmp_path):
    missing = tmp_path / "nonexistent"
    proc = run_kg("build", str(missing), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert proc.stderr == f"kg: error: corpus folder not found: {missing}\n"
    assert "Traceback" not in proc.stdout + proc.stderr


def test_missing_graph_is_an_error_without_traceback(tmp_path):
    proc = run_kg("stats", str(tmp_path / "none.ttl"))
    assert proc.returncode != 0
    assert proc.stderr.startswith("kg: error:") and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_build_then_validate_query_and_stats(tmp_path):
    out = tmp_path / "out"
    proc = run_kg("build", str(ARTICLES), "--out", str(out), "--no-view", "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("built 2 articles:")
    proc = run_kg("validate", str(out / "graph.ttl"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run_kg("query", str(out / "graph.ttl"), "meetings", "--format", "csv")
    assert proc.returncode == 0 and "Friedrich Merz" in proc.stdout and "Donald Tusk" in proc.stdout
    proc = run_kg("stats", str(out / "graph.ttl"))
    assert proc.returncode == 0 and proc.stdout.startswith("2 documents,")


@pytest.mark.slow
def test_unknown_model_is_one_line(tmp_path):
    proc = run_kg("build", str(ARTICLES), "--out", str(tmp_path), "--model", "xx_no_such_model", "--quiet")
    assert proc.returncode != 0
    assert proc.stderr.strip().splitlines() == [
        "kg: error: spaCy model 'xx_no_such_model' is not installed (pip install it, or pass --model NAME)"]


def test_a_base_iri_that_ends_no_path_is_one_line_and_exit_2(tmp_path):
    result = CliRunner().invoke(main, ["build", str(ARTICLES), "--out", str(tmp_path / "out"),
                                       "--base-iri", "https://example.org/news"])
    assert result.exit_code == 2
    assert result.output == "kg: error: the base IRI must end with '/' or '#': https://example.org/news\n"
    assert not (tmp_path / "out").exists()
