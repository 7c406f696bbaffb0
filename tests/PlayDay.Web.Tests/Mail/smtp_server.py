"""A real SMTP server for the test suite (Debian's python3-aiosmtpd) that keeps each message as received.

Each message is stored byte for byte (CRLFs and all) as NNNNNN.eml in the given folder, with
NNNNNN.json beside it holding the envelope and who authenticated. Recipients whose local part starts
with "unknown" are refused for good (550) and those starting with "busy" for now (451).

    smtp_server.py PORT FOLDER [--user NAME --password SECRET] [--starttls CERT KEY | --smtps CERT KEY]
"""
import argparse
import json
import os
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

arguments = argparse.ArgumentParser()
arguments.add_argument("port", type=int)
arguments.add_argument("folder")
arguments.add_argument("--user")
arguments.add_argument("--password")
arguments.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
arguments.add_argument("--smtps", nargs=2, metavar=("CERT", "KEY"))
options = arguments.parse_args()
os.makedirs(options.folder, exist_ok=True)


class Store:
    def __init__(self):
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("unknown"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busy"):
            return "451 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(options.folder, f"{self.count:06d}")
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        with open(name + ".json.tmp", "w") as envelope_file:
            json.dump({"mailFrom": envelope.mail_from, "rcptTos": envelope.rcpt_tos, "login": login}, envelope_file)
        os.replace(name + ".json.tmp", name + ".json")
        with open(name + ".tmp", "wb") as message_file:
            message_file.write(envelope.original_content)
        os.replace(name + ".tmp", name + ".eml")
        return "250 OK: stored"


def authenticate(server, session, envelope, mechanism, auth_data):
    good = (isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == options.user and auth_data.password.decode() == options.password)
    # handled=False: aiosmtpd then answers a failure itself (535).
    return AuthResult(success=good, handled=False, auth_data=auth_data if good else None)


def context(pair):
    tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls.load_cert_chain(pair[0], pair[1])
    return tls


settings = {}
if options.user:
    settings.update(authenticator=authenticate, auth_required=True, auth_require_tls=bool(options.starttls))
if options.starttls:
    settings.update(tls_context=context(options.starttls), require_starttls=True)
controller = Controller(Store(), hostname="127.0.0.1", port=options.port,
                        ssl_context=context(options.smtps) if options.smtps else None, **settings)
controller.start()
print("listening", flush=True)
threading.Event().wait()
