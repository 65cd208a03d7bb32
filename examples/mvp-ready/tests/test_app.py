from booking.app import app
from fastapi.testclient import TestClient

client = TestClient(app)


def test_health() -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_booking_flow() -> None:
    free = client.get("/slots", params={"day": "2026-12-02"}).json()
    created = client.post("/bookings", json={"slot": free[0], "email": "ana@example.org"})
    assert created.status_code == 201
    again = client.post("/bookings", json={"slot": free[0], "email": "ben@example.org"})
    assert again.status_code == 409
