"""Free appointment slots and bookings (in memory until the clinic's calendar API is wired in)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


class SlotTaken(Exception):
    """The slot was booked by someone else in the meantime."""


@dataclass
class Calendar:
    """Bookable slots of one practitioner, 30 minutes each."""

    opening: dt.time = dt.time(8, 0)
    closing: dt.time = dt.time(17, 0)
    booked: dict[dt.datetime, str] = field(default_factory=dict)

    def free_slots(self, day: dt.date) -> list[dt.datetime]:
        start = dt.datetime.combine(day, self.opening)
        end = dt.datetime.combine(day, self.closing)
        slots = []
        while start < end:
            if start not in self.booked:
                slots.append(start)
            start += dt.timedelta(minutes=30)
        return slots

    def book(self, slot: dt.datetime, patient_email: str) -> None:
        if slot in self.booked:
            raise SlotTaken(slot.isoformat())
        self.booked[slot] = patient_email
