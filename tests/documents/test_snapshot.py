"""A document kept as data reads back as the same document."""

import datetime
import json

from pusselbit.documents.context import Document, DocumentSection, Items, Signatory, Table, Text
from pusselbit.documents.snapshot import from_data, to_data


def test_document_survives_being_kept_as_data():
    document = Document(
        title="Uppdragshandling – Test",
        kind="Uppdragshandling",
        name="Test",
        sender="Region Test",
        dated=datetime.date(2020, 5, 6),
        dateline="Göteborg 2020-05-06",
        facts=[("Diarienummer", "KS 2021/391")],
        preamble=[Text("ännu inte fastställd.", lead="Utkast:")],
        sections=[
            DocumentSection(
                "Medel",
                [
                    Text("Fördelas per invånare."),
                    Items([Text("ett"), Text("två")], ordered=True),
                    Table(
                        "Medel", ["Mottagare", "Belopp"], [["GR", "554 579 kr"]], (1,), ["S", "1"]
                    ),
                ],
            )
        ],
        signed="Göteborg 2020-05-06",
        signatories=[Signatory("Ann Ek", "VGR")],
    )

    assert from_data(json.loads(json.dumps(to_data(document)))) == document


def test_a_field_added_later_gets_its_default():
    data = to_data(Document("T", "Beslut", "N", "R", datetime.date(2021, 1, 1)))
    del data["overline"]
    data["unknown_later_field"] = "x"
    assert from_data(data).overline == ""
