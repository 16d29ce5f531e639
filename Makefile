# iamc — one entry point: make, make demo, make check, make bench, make fuzz, make install.
# Generated code goes to build/ (never committed).  SANITIZE=1 builds with ASan+UBSan into
# build/asan/, SANITIZE=thread with TSan into build/tsan/.

VERSION   := 0.1.0
SOVERSION := 0
PREFIX    ?= /usr/local
DESTDIR   ?=
CC        ?= cc

ifeq ($(SANITIZE),1)
  B        := build/asan
  SANFLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  OPT      := -O1
else ifeq ($(SANITIZE),thread)
  B        := build/tsan
  SANFLAGS := -fsanitize=thread
  OPT      := -O1
else
  B        := build/release
  SANFLAGS :=
  OPT      := -O2
endif
GEN := build/gen

# pkg-config runs when a recipe needs the flags, after `deps` has installed what is missing.
JANSSON_CFLAGS = $(shell pkg-config --cflags jansson)
JANSSON_LIBS   = $(shell pkg-config --libs jansson)
YAML_CFLAGS    = $(shell pkg-config --cflags yaml-0.1)
YAML_LIBS      = $(shell pkg-config --libs yaml-0.1)
CHECK_CFLAGS   = $(shell pkg-config --cflags check)
CHECK_LIBS     = $(shell pkg-config --libs check)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS   ?= $(OPT) -g
ALLCFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) $(SANFLAGS) -fPIC \
            -Isrc -I$(GEN) $(JANSSON_CFLAGS) $(YAML_CFLAGS) -DIAMC_VERSION='"$(VERSION)"'
# Generated code: lemon's template and re2c output are not ours to keep warning-free.
GENCFLAGS = $(filter-out -Werror -Wshadow,$(ALLCFLAGS)) -DNDEBUG -Wno-unused-variable -Wno-unused-but-set-variable \
            -Wno-implicit-fallthrough -Wno-sign-compare
LDFLAGS  ?=

LIB_SRC  := $(sort $(filter-out src/cli/%,$(wildcard src/*.c src/*/*.c)))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
GEN_SRC  := $(GEN)/oci_parse.c $(GEN)/oci_lex.c
LIB_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(LIB_SRC)) $(patsubst $(GEN)/%.c,$(B)/obj/gen/%.o,$(GEN_SRC))
CLI_OBJ  := $(patsubst src/%.c,$(B)/obj/%.o,$(CLI_SRC))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
UNIT_OBJ := $(patsubst tests/unit/%.c,$(B)/obj/tests/%.o,$(UNIT_SRC)) $(B)/obj/tests/gen/oci_gen.o

IAMC     := $(B)/iamc
LIBA     := $(B)/libiamc.a
LIBSO    := $(B)/libiamc.so.$(VERSION)
DEPS_OK  := build/.deps-ok

.PHONY: all deps demo check unit golden emit-check docs-check sarif-check install-check ci-examples bench fuzz install clean
.DEFAULT_GOAL := all

all: $(IAMC) $(LIBA) $(LIBSO) build/iamc build/libiamc.a build/libiamc.so

# ---- dependencies: install what is missing on a fresh Debian machine ------------------
$(DEPS_OK):
	@sh tests/install-deps.sh
	@mkdir -p build && touch $@
deps: $(DEPS_OK)

# ---- generated code ---------------------------------------------------------------------
$(GEN)/oci_parse.c $(GEN)/oci_parse.h &: grammar/oci.y $(DEPS_OK)
	@mkdir -p $(GEN)
	cp grammar/oci.y $(GEN)/oci_parse.y
	lemon -q -d$(GEN) $(if $(wildcard /usr/share/lemon/lempar.c),-T/usr/share/lemon/lempar.c) $(GEN)/oci_parse.y

$(GEN)/oci_lex.c: grammar/oci.re $(GEN)/oci_parse.h $(DEPS_OK)
	@mkdir -p $(GEN)
	re2c -W -Werror --no-generation-date --no-version -c -o $@ $<

# ---- objects ------------------------------------------------------------------------------
$(B)/obj/%.o: src/%.c $(GEN)/oci_parse.h $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/gen/%.o: $(GEN)/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(GENCFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/tests/%.o: tests/unit/%.c $(GEN)/oci_parse.h $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) $(CHECK_CFLAGS) -Wno-error=shadow -MMD -MP -c -o $@ $<

$(B)/obj/tests/gen/%.o: tests/gen/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(ALLCFLAGS) -MMD -MP -c -o $@ $<

-include $(wildcard $(B)/obj/*.d $(B)/obj/*/*.d $(B)/obj/*/*/*.d)

# ---- libraries and the program ----------------------------------------------------------
$(LIBA): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(LIBSO): $(LIB_OBJ) src/lib/libiamc.map
	$(CC) -shared -Wl,-soname,libiamc.so.$(SOVERSION) -Wl,--version-script,src/lib/libiamc.map $(SANFLAGS) -o $@ $(LIB_OBJ) $(JANSSON_LIBS) $(YAML_LIBS)
	ln -sf libiamc.so.$(VERSION) $(B)/libiamc.so.$(SOVERSION)
	ln -sf libiamc.so.$(VERSION) $(B)/libiamc.so

$(IAMC): $(CLI_OBJ) $(LIBA)
	$(CC) $(SANFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIBA) $(JANSSON_LIBS) $(YAML_LIBS)

# build/iamc, build/libiamc.* are the release build's, named as the README says.
build/iamc build/libiamc.a build/libiamc.so: $(IAMC) $(LIBA) $(LIBSO)
	@if [ "$(B)" = build/release ]; then \
	  ln -sf release/iamc build/iamc; ln -sf release/libiamc.a build/libiamc.a; \
	  ln -sf release/libiamc.so build/libiamc.so; fi

# ---- the main job on bundled examples -----------------------------------------------------
demo: all
	@sh examples/demo.sh $(IAMC)

# ---- tests --------------------------------------------------------------------------------
$(B)/unit-tests: $(UNIT_OBJ) $(LIBA)
	$(CC) $(SANFLAGS) -o $@ $(UNIT_OBJ) $(LIBA) $(JANSSON_LIBS) $(YAML_LIBS) $(CHECK_LIBS) -lpthread

unit: $(B)/unit-tests $(IAMC)
	IAMC_TOP=$(CURDIR) IAMC_BIN=$(CURDIR)/$(IAMC) CK_FORK=no $(B)/unit-tests

golden: $(IAMC)
	@sh tests/golden/run.sh $(IAMC)
	@sh tests/golden/bundles.sh $(IAMC)

# iamc emit on files: golden bundles, shellcheck, Terraform structure, bad specs, safe output
emit-check: $(IAMC)
	@sh tests/emit/run.sh $(IAMC)

ci-examples: $(IAMC)
	@sh tests/ci-examples.sh $(IAMC)

docs-check: $(IAMC)
	@sh tests/ebnf.sh grammar/oci.y docs/language.md
	@sh tests/manpage.sh $(IAMC) docs/iamc.1

# the SARIF iamc writes, against the official SARIF 2.1.0 schema (fetched with npm)
sarif-check: $(IAMC)
	@sh tests/sarif-schema.sh $(IAMC)

install-check: all
	@sh tests/install-check.sh

check: all unit golden emit-check docs-check sarif-check ci-examples $(if $(SANITIZE),,install-check)

# ---- benchmarks (figures to compare run to run; not a timed test) -------------------------
bench: all $(B)/bench-oci $(B)/bench-ram $(B)/bench-decide
	@sh tests/bench/run.sh $(B)

$(B)/bench-oci: tests/bench/bench_oci.c tests/gen/oci_gen.c $(LIBA)
	$(CC) $(ALLCFLAGS) -O2 -o $@ tests/bench/bench_oci.c tests/gen/oci_gen.c $(LIBA) $(JANSSON_LIBS) $(YAML_LIBS)

$(B)/bench-decide: tests/bench/bench_decide.c tests/gen/oci_gen.c $(LIBA)
	$(CC) $(ALLCFLAGS) -O2 -o $@ tests/bench/bench_decide.c tests/gen/oci_gen.c $(LIBA) $(JANSSON_LIBS) $(YAML_LIBS) -lpthread

$(B)/bench-ram: tests/bench/bench_ram.c $(LIBA)
	$(CC) $(ALLCFLAGS) -o $@ $< $(LIBA) $(JANSSON_LIBS)

# ---- fuzzing (clang libFuzzer + ASan/UBSan) -----------------------------------------------
FUZZ_SECONDS ?= 60
FUZZCC    := clang
FUZZFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
             -fno-sanitize-recover=all -Isrc -I$(GEN) $(JANSSON_CFLAGS) $(YAML_CFLAGS) -DIAMC_VERSION='"$(VERSION)"'
FUZZ_TARGETS := build/fuzz/fuzz_oci build/fuzz/fuzz_ram build/fuzz/fuzz_k8s

build/.fuzz-deps-ok:
	@sh tests/install-deps.sh fuzz
	@mkdir -p build && touch $@

build/fuzz/%: tests/fuzz/%.c $(LIB_SRC) $(GEN_SRC) build/.fuzz-deps-ok
	@mkdir -p build/fuzz
	$(FUZZCC) $(FUZZFLAGS) -o $@ $< $(LIB_SRC) $(GEN_SRC) $(JANSSON_LIBS) $(YAML_LIBS) -Wno-everything

fuzz: $(FUZZ_TARGETS)
	@sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# ---- install ------------------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include \
	           $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(IAMC) $(DESTDIR)$(PREFIX)/bin/iamc
	install -m 0644 $(LIBA) $(DESTDIR)$(PREFIX)/lib/libiamc.a
	install -m 0755 $(LIBSO) $(DESTDIR)$(PREFIX)/lib/libiamc.so.$(VERSION)
	ln -sf libiamc.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libiamc.so.$(SOVERSION)
	ln -sf libiamc.so.$(SOVERSION) $(DESTDIR)$(PREFIX)/lib/libiamc.so
	install -m 0644 src/iamc.h $(DESTDIR)$(PREFIX)/include/iamc.h
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' iamc.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/iamc.pc
	chmod 0644 $(DESTDIR)$(PREFIX)/lib/pkgconfig/iamc.pc
	install -m 0644 docs/iamc.1 $(DESTDIR)$(PREFIX)/share/man/man1/iamc.1

clean:
	rm -rf build
