"""The JSON Schema of the output, generated from the pydantic types.

``schema/fiscalocr-document.schema.json`` is this function's output, committed so users
can validate without our code; a test fails when the file is stale.
"""

from __future__ import annotations

import json

from .document import SCHEMA_VERSION, Document


def document_json_schema() -> dict:
    schema = Document.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://fiscalocr.example/schema/{SCHEMA_VERSION}/document.schema.json"
    schema["schema_version"] = SCHEMA_VERSION
    return schema


def render_schema() -> str:
    return json.dumps(document_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
