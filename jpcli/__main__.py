from jpcli.entry import run

run()
