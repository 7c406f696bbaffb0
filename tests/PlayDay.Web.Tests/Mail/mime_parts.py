"""Prints what Python's standard email parser reads from a MIME message (a file path, or stdin), as JSON.

Used by the test suite as an independent check of the emails PlayDay sends.
"""
import email
import email.policy
import json
import sys

raw = open(sys.argv[1], "rb").read() if len(sys.argv) > 1 else sys.stdin.buffer.read()
message = email.message_from_bytes(raw, policy=email.policy.default)


def structure(part):
    """The tree of content types, e.g. multipart/mixed[multipart/alternative[text/plain,text/html],application/ics]."""
    if part.is_multipart():
        return part.get_content_type() + "[" + ",".join(structure(p) for p in part.get_payload()) + "]"
    return part.get_content_type()


parts = []
for part in message.walk():
    if part.is_multipart():
        continue
    payload = part.get_payload(decode=True) or b""
    parts.append({
        "contentType": part.get_content_type(),
        "params": {k: v for k, v in part.get_params()[1:]},
        "disposition": part.get_content_disposition(),
        "fileName": part.get_filename(),
        "text": payload.decode(part.get_content_charset() or "utf-8"),
    })
bare = raw.replace(b"\r\n", b"")
print(json.dumps({
    "subject": str(message["subject"]),
    "from": str(message["from"]),
    "to": str(message["to"]),
    "messageId": str(message["message-id"]),
    "date": message["date"].datetime.isoformat() if message["date"] else None,
    "headerNames": list(message.keys()),
    "headers": {name: str(value) for name, value in message.items()},
    "contentType": message.get_content_type(),
    "structure": structure(message),
    "onlyCrlfLineEndings": b"\n" not in bare and b"\r" not in bare,
    "parts": parts,
}))
