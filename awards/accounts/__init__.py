"""People and the organizations they belong to: login, passwords, invitations, language."""
