from fastapi.testclient import TestClient
from orders.api import app

client = TestClient(app)


def test_repeat_order_copies_the_lines() -> None:
    created = client.post("/orders/1/repeat")
    assert created.status_code == 201
    orders = client.get("/customers/c-17/orders").json()
    assert {o["id"] for o in orders} >= {1, created.json()["id"]}


def test_unknown_order_is_404() -> None:
    assert client.post("/orders/999999/repeat").status_code == 404
