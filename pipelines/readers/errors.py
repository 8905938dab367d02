"""The one error a reader raises: a file that cannot be read at all, with a message for people."""


class UnreadableFile(Exception):
    """A file that is not a table, has no header row, or cannot be opened (CONTRACT §2.1).

    The message is Vietnamese and names what is wrong; the caller adds the file's path."""
