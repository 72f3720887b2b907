"""Downloads as the user gets them: sent with the file's content type, and a file that its
program opens (pypdf for a PDF, python-docx for Word, openpyxl for Excel). A status code alone
says nothing of what was sent."""

import io

import docx
from openpyxl import load_workbook
from pypdf import PdfReader

from pusselbit.core.downloads import DOCX, PDF, XLSX


def _sent(response, content_type: str) -> bytes:
    # getvalue(): the whole body of a page and of a file streamed from the storage alike.
    assert response.status_code == 200, response.getvalue()[:300]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith("attachment;")
    return response.getvalue()


def pdf_download(response) -> PdfReader:
    reader = PdfReader(io.BytesIO(_sent(response, PDF)))
    assert len(reader.pages) >= 1
    return reader


def docx_download(response):
    return docx.Document(io.BytesIO(_sent(response, DOCX)))


def xlsx_download(response):
    return load_workbook(io.BytesIO(_sent(response, XLSX)))
