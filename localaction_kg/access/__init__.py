"""Who may write: submitters' and admins' tokens (hashed, expiring, rotatable) and the audit log of
admin actions, both kept beside the store."""
