from contacts.cli import main

main()
