lint --bogus
