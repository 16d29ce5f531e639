/* ram/json: the AST of a JSON policy as JSON (`iamc parse`), with spans and JSON Pointers. */
#ifndef IAMC_RAM_JSON_H
#define IAMC_RAM_JSON_H
#include <jansson.h>
#include "ram/ast.h"

json_t *ram_doc_json(ram_doc *d, int spans);

#endif
