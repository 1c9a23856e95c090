from jpcli.cli import main

main()
