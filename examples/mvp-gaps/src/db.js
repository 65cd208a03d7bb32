const Database = require("better-sqlite3");

function openDb(path) {
  const db = new Database(path);
  db.exec(`CREATE TABLE IF NOT EXISTS swaps (
    id INTEGER PRIMARY KEY,
    shift_date TEXT NOT NULL,
    shift TEXT NOT NULL,
    offered_by TEXT NOT NULL,
    taken_by TEXT,
    approved INTEGER NOT NULL DEFAULT 0
  )`);
  return db;
}

module.exports = { openDb };
