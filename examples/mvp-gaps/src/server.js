const express = require("express");
const { openDb } = require("./db");
const { swapRoutes } = require("./swaps");

const app = express();
app.use(express.json());
app.use(express.static("public"));
app.use("/api/swaps", swapRoutes(openDb(process.env.DB_PATH || "swaps.db")));

const port = Number(process.env.PORT || 3000);
app.listen(port, () => console.log(`shift-swap listening on ${port}`));
