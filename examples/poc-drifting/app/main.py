"""HTTP API: POST an image to /extract."""

from __future__ import annotations

import io
import os
from dataclasses import asdict

import pytesseract
import sentry_sdk
from fastapi import FastAPI, UploadFile
from PIL import Image

from app.extract import extract

sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"), traces_sample_rate=0.1)
api = FastAPI(title="Invoice Reader")


@api.get("/healthz")
def health() -> dict[str, str]:
    return {"status": "ok"}


@api.post("/extract")
async def extract_invoice(file: UploadFile) -> dict[str, object]:
    image = Image.open(io.BytesIO(await file.read()))
    return asdict(extract(pytesseract.image_to_string(image)))
