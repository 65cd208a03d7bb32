import datetime as dt

import pytest
from booking.slots import Calendar, SlotTaken

DAY = dt.date(2026, 12, 1)


def test_a_day_has_eighteen_half_hour_slots() -> None:
    assert len(Calendar().free_slots(DAY)) == 18


def test_a_booked_slot_is_no_longer_free() -> None:
    calendar = Calendar()
    slot = dt.datetime(2026, 12, 1, 9, 30)
    calendar.book(slot, "ana@example.org")
    assert slot not in calendar.free_slots(DAY)


def test_a_slot_cannot_be_booked_twice() -> None:
    calendar = Calendar()
    slot = dt.datetime(2026, 12, 1, 9, 30)
    calendar.book(slot, "ana@example.org")
    with pytest.raises(SlotTaken):
        calendar.book(slot, "ben@example.org")
