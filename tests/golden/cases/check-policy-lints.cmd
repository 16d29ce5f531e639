check tests/corpus/oci/valid/01-subjects.pol
