diff tests/golden/diff/vars/old.pol tests/golden/diff/vars/new.pol
