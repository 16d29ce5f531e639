parse no/such/file.pol
