// Validate SARIF files against the official SARIF 2.1.0 JSON schema (draft-04) with ajv.
// usage: node sarif-schema.js NODE_MODULES_DIR SCHEMA.json FILE.sarif...
"use strict";
const path = require("path");
const fs = require("fs");
const modules = process.argv[2];
const Ajv = require(path.join(modules, "ajv-draft-04"));
const addFormats = require(path.join(modules, "ajv-formats"));
const schema = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
// unicodeRegExp off: the schema's language pattern is not a valid 'u' regular expression
const ajv = new Ajv({allErrors: true, strict: false, unicodeRegExp: false});
addFormats(ajv);
const validate = ajv.compile(schema);
let pass = 0, fail = 0;
for (const f of process.argv.slice(4)) {
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(f, "utf8"));
  } catch (e) {
    fail++;
    console.log("FAIL " + f + ": not JSON: " + e.message);
    continue;
  }
  if (validate(doc)) pass++;
  else {
    fail++;
    console.log("FAIL " + f + ":\n  " + ajv.errorsText(validate.errors, {separator: "\n  "}));
  }
}
console.log("sarif-schema: " + pass + " passed, " + fail + " failed");
process.exit(fail ? 1 : 0);
