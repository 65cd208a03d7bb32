"""HTTP API: previous orders of a customer, and placing a repeat order."""

from __future__ import annotations

import itertools

import structlog
from fastapi import FastAPI, HTTPException
from prometheus_client import Counter, make_asgi_app

log = structlog.get_logger()
REPEAT_ORDERS = Counter("repeat_orders_total", "Repeat orders placed")

app = FastAPI(title="Orders")
app.mount("/metrics", make_asgi_app())

_ids = itertools.count(1000)
ORDERS: dict[int, dict[str, object]] = {
    1: {"customer": "c-17", "lines": [{"sku": "TEA-250", "qty": 12}]},
}


@app.get("/healthz")
def health() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/customers/{customer}/orders")
def previous_orders(customer: str) -> list[dict[str, object]]:
    return [dict(order, id=key) for key, order in ORDERS.items() if order["customer"] == customer]


@app.post("/orders/{order_id}/repeat", status_code=201)
def repeat(order_id: int) -> dict[str, object]:
    original = ORDERS.get(order_id)
    if original is None:
        raise HTTPException(status_code=404, detail="no such order")
    new_id = next(_ids)
    ORDERS[new_id] = dict(original)
    REPEAT_ORDERS.inc()
    log.info("repeat_order", original=order_id, order=new_id, customer=original["customer"])
    return {"id": new_id}
