emit - -o /tmp/never-written
