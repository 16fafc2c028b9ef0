"""The JSON Schema editors use: generated from the model, committed fresh, agreeing with ``check``."""

from __future__ import annotations

import json

import pytest
from jsonschema import Draft202012Validator

from conftest import BAD_INPUTS, FIXTURES, ROOT
from macros.core.model import load_vocabulary
from macros.core.schema import MODELINE, SCHEMA_PATH, schema_text
from macros.core.yamlsource import read_yaml
from macros.site.scaffold import scaffold

EXAMPLES = sorted((ROOT / "data" / "examples").rglob("*.yml"))
# Problems the schema can see too (the rest need line-level or cross-file checks that only `check` does).
SCHEMA_CODES = {"unknown-field", "unknown-kind", "unknown-union-type", "unknown-theme", "wrong-type",
                "missing-field", "missing-part", "part-not-allowed", "bad-id"}


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8")))


def as_json(path) -> object:
    """An example file as an editor's YAML server sees it (dates are strings)."""
    doc, problems = read_yaml(path, path.name)
    assert doc is not None, problems
    return json.loads(json.dumps(doc.value, default=str))


def test_committed_schema_is_up_to_date():
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(load_vocabulary(ROOT)), f"{SCHEMA_PATH} is stale: run `make schema`"


def test_schema_is_a_valid_draft_2020_12_schema():
    Draft202012Validator.check_schema(json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_satisfies_the_schema(validator, path):
    errors = [e.message for e in validator.iter_errors(as_json(path))]
    assert not errors, errors


def test_every_new_example_scaffold_satisfies_the_schema(validator, tmp_path):
    lib = load_vocabulary(ROOT)
    for kind in lib.kinds:
        path = tmp_path / f"{kind.id}.yml"
        path.write_text(scaffold(lib, kind.id, "school", "new-one"), encoding="utf-8")
        assert not [e.message for e in validator.iter_errors(as_json(path))], kind.id


SCHEMA_CASES = sorted(name for name, case in BAD_INPUTS.items()
                      if (FIXTURES / "invalid" / f"{name}.yml").exists()
                      and {code for _, _, code, _ in case.expected} & SCHEMA_CODES)


@pytest.mark.parametrize("name", SCHEMA_CASES)
def test_schema_rejects_what_check_rejects(validator, name):
    assert not validator.is_valid(as_json(FIXTURES / "invalid" / f"{name}.yml"))


def test_schema_offers_the_vocabulary_for_completion():
    schema = json.loads((ROOT / SCHEMA_PATH).read_text(encoding="utf-8"))
    lib = load_vocabulary(ROOT)
    assert schema["properties"]["union_type"]["enum"] == [t.id for t in lib.union_types]
    assert schema["properties"]["kind"]["enum"] == [k.id for k in lib.kinds]
    assert schema["$defs"]["Section"]["properties"]["themes"]["items"]["enum"] == [t.name for t in lib.themes]
    assert schema["properties"]["title"]["description"]  # hover text in the editor


def test_every_example_file_starts_with_the_schema_line():
    """Expected to FAIL until the lead adds the line to the example files written before issue 5:
    sed -i '1i # yaml-language-server: $schema=../../../docs/schema/example.schema.json' data/examples/*/*.yml"""
    missing = [str(p.relative_to(ROOT)) for p in EXAMPLES
               if p.read_text(encoding="utf-8").splitlines()[:1] != [MODELINE]]
    assert not missing, f"the first line must be {MODELINE!r} in: {missing}"
