from crmcards.cli.main import run

run()
