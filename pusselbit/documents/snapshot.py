"""A document's content as data, so that a registered document (an adopted assignment document,
a registered decision, an adopted use-of-funds proposal) is kept as it was when it was registered
and its PDF and Word files are rendered from that record, never rebuilt from data that may have
changed since.

`to_data` turns a `Document` into JSON-ready data; `from_data` turns it back. A field added to a
block type later gets its default when an older record is read, so records stay readable as the
layout grows.
"""

import dataclasses
import datetime

from .context import Document, DocumentSection, Items, Signatory, Table, Text

# The block types a section may hold, by the tag stored with each block.
BLOCKS = {cls.kind: cls for cls in (Text, Items, Table)}


def to_data(document: Document) -> dict:
    data = _fields(document)
    data["dated"] = document.dated.isoformat()
    data["facts"] = [list(fact) for fact in document.facts]
    data["preamble"] = [_block(block) for block in document.preamble]
    data["sections"] = [
        {"heading": section.heading, "blocks": [_block(block) for block in section.blocks]}
        for section in document.sections
    ]
    data["signatories"] = [_fields(signatory) for signatory in document.signatories]
    return data


def from_data(data: dict) -> Document:
    values = _known(Document, data)
    values["dated"] = datetime.date.fromisoformat(data["dated"])
    values["facts"] = [tuple(fact) for fact in data.get("facts", [])]
    values["preamble"] = [_from_block(block) for block in data.get("preamble", [])]
    values["sections"] = [
        DocumentSection(section["heading"], [_from_block(block) for block in section["blocks"]])
        for section in data.get("sections", [])
    ]
    values["signatories"] = [
        Signatory(**_known(Signatory, signatory)) for signatory in data.get("signatories", [])
    ]
    return Document(**values)


def _fields(instance) -> dict:
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(instance)}


def _known(cls, data: dict) -> dict:
    names = {f.name for f in dataclasses.fields(cls)}
    return {name: value for name, value in data.items() if name in names}


def _block(block) -> dict:
    data = {"kind": block.kind}
    for f in dataclasses.fields(block):
        value = getattr(block, f.name)
        if isinstance(block, Items) and f.name == "items":
            value = [_block(item) for item in value]
        elif isinstance(value, tuple):
            value = list(value)
        data[f.name] = value
    return data


def _from_block(data: dict):
    cls = BLOCKS[data["kind"]]
    values = _known(cls, data)
    if cls is Items:
        values["items"] = [_from_block(item) for item in values["items"]]
    if cls is Table:
        values["numeric"] = tuple(values.get("numeric", ()))
    return cls(**values)
