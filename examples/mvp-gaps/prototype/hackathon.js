// Hackathon version: everything in memory, no approval step.
const http = require("http");

const swaps = [];

http
  .createServer((req, res) => {
    if (req.method === "POST") {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        swaps.push(JSON.parse(body));
        res.end("ok");
      });
    } else {
      res.end(JSON.stringify(swaps));
    }
  })
  .listen(8080);
