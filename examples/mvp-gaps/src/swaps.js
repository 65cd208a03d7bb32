const express = require("express");

function swapRoutes(db) {
  const router = express.Router();

  router.get("/", (req, res) => {
    res.json(db.prepare("SELECT * FROM swaps WHERE approved = 0 ORDER BY shift_date").all());
  });

  router.post("/", (req, res) => {
    const { shiftDate, shift, offeredBy } = req.body;
    const info = db
      .prepare("INSERT INTO swaps (shift_date, shift, offered_by) VALUES (?, ?, ?)")
      .run(shiftDate, shift, offeredBy);
    res.status(201).json({ id: info.lastInsertRowid });
  });

  router.post("/:id/take", (req, res) => {
    db.prepare("UPDATE swaps SET taken_by = ? WHERE id = ? AND taken_by IS NULL").run(req.body.nurse, req.params.id);
    res.status(204).end();
  });

  router.post("/:id/approve", (req, res) => {
    db.prepare("UPDATE swaps SET approved = 1 WHERE id = ? AND taken_by IS NOT NULL").run(req.params.id);
    res.status(204).end();
  });

  return router;
}

module.exports = { swapRoutes };
