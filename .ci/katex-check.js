// Renders every maths fragment of a Markdown key with KaTeX, throwing on
// any error. Input (stdin): a JSON array of {"tex": "...", "display": bool}.
// Exit 1 with the failing fragments listed, 0 when all render.
const katex = require("katex");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const frags = JSON.parse(input);
  let bad = 0;
  for (const f of frags) {
    try {
      katex.renderToString(f.tex, { throwOnError: true, displayMode: f.display, strict: "error" });
    } catch (e) {
      bad++;
      console.log("KaTeX: " + e.message + "\n  in: " + f.tex.replace(/\n/g, "\n      "));
    }
  }
  console.log(`${frags.length - bad}/${frags.length} fragments render`);
  process.exit(bad ? 1 : 0);
});
