// Renders CSL-JSON items with a CSL style and locale through citeproc-js, the reference CSL
// processor (tests/test_citeproc.py). Usage: node render.js ITEMS.json STYLE.csl LOCALE.xml
// Prints {"entries": {id: html}, "skipped": [ids]} as JSON: the bibliography's entries by item id.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require(path.join(process.env.EDITION_NODE_MODULES, "citeproc"));

const [itemsFile, styleFile, localeFile] = process.argv.slice(2);
const items = JSON.parse(fs.readFileSync(itemsFile, "utf8"));
const byId = Object.fromEntries(items.map((item) => [item.id, item]));
const locale = fs.readFileSync(localeFile, "utf8");
const engine = new CSL.Engine({
  retrieveLocale: () => locale,
  retrieveItem: (id) => byId[id],
}, fs.readFileSync(styleFile, "utf8"), "en-US");
engine.setOutputFormat("html");
// Which items the style leaves out of the bibliography: each alone, an empty bibliography.
const skipped = items.map((item) => item.id).filter((id) => {
  engine.updateItems([id]);
  return engine.makeBibliography()[1].length === 0;
});
// The whole bibliography (sorted, with the style's repeated-author dashes); its entry_ids list
// the left-out items too, so the entries are matched to the ids of the others, in order.
engine.updateItems(items.map((item) => item.id));
const [meta, entries] = engine.makeBibliography();
const shown = meta.entry_ids.map((ids) => ids[0]).filter((id) => !skipped.includes(id));
if (shown.length !== entries.length) throw new Error(`${shown.length} ids for ${entries.length} entries`);
const out = {};
shown.forEach((id, i) => { out[id] = entries[i].trim(); });
process.stdout.write(JSON.stringify({ entries: out, skipped: skipped }));
