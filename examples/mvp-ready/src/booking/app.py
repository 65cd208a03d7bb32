"""HTTP API of the booking flow: list free slots, book one."""

from __future__ import annotations

import datetime as dt
import os

import sentry_sdk
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel, EmailStr

from booking.slots import Calendar, SlotTaken

sentry_sdk.init(dsn=os.environ.get("SENTRY_DSN"), environment=os.environ.get("APP_ENV", "local"))

app = FastAPI(title="Clinic booking")
calendar = Calendar()


class BookingRequest(BaseModel):
    slot: dt.datetime
    email: EmailStr


@app.get("/healthz")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/slots")
def slots(day: dt.date | None = None) -> list[dt.datetime]:
    return calendar.free_slots(day or dt.date.today())


@app.post("/bookings", status_code=201)
def book(request: BookingRequest) -> dict[str, str]:
    try:
        calendar.book(request.slot, request.email)
    except SlotTaken as exc:
        raise HTTPException(status_code=409, detail="slot already taken") from exc
    return {"slot": request.slot.isoformat(), "status": "booked"}
