lint --no-config no-such-file.pol
