"""The committed JSON Schema is what the code's types generate, and outputs validate."""

from pathlib import Path

from fiscalocr.model import SCHEMA_VERSION, Document, Source
from fiscalocr.model.schema import document_json_schema, render_schema

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "fiscalocr-document.schema.json"


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render_schema(), (
        "schema file is stale: run `fiscalocr schema -o schema/fiscalocr-document.schema.json`"
    )


def test_schema_carries_version_and_contract_fields():
    schema = document_json_schema()
    assert schema["schema_version"] == SCHEMA_VERSION == "1.0"
    assert {"schema_version", "source", "document", "pages", "tables", "reconciliation"} <= set(
        schema["properties"]
    )
    repair = schema["$defs"]["Repair"]["properties"]
    assert "from" in repair and "from_" not in repair


def test_repair_serialises_from_under_its_contract_name():
    from fiscalocr.model import Repair

    repair = Repair.model_validate(
        {
            "table": "t1",
            "row": 5,
            "col": 3,
            "from": "359.96",
            "to": "359.95",
            "rules": ["r"],
            "confidence": 0.9,
        }
    )
    doc = Document(source=Source(file="a.pdf", sha256="0" * 64, page_count=0))
    doc.reconciliation.repairs.append(repair)
    assert '"from": "359.96"' in doc.to_json()
