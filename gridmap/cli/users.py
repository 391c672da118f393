"""``gridmap users URL add|list|remove``: the people of a shared project and
what each may do there (office planner, community chief, viewer).

The rights themselves are kept by the database server
(``gridmap.storage.server.rights``): a person is a login of their own with a
password, which PostgreSQL stores as a SCRAM verifier; it is never printed,
logged or passed on the command line."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

from gridmap.cli.output import table
from gridmap.errors import FileProblem, ServerError

ROLES = ("office", "chief", "viewer")  # rights.KINDS (not imported here: `gridmap --help` need not load psycopg)
ROLE_HELP = ("office: an office planner, writes everything; chief: a community chief, writes only their "
             "community (give --community); viewer: reads the map, no personal data")


def add_parser(commands) -> None:
    users = commands.add_parser(
        "users", help="the people of a shared project and their rights: office planners, community chiefs, viewers")
    users.add_argument("url", help="postgresql://user@host:port/database: the shared project, as a user who may "
                                   "create roles (the server's administrator)")
    actions = users.add_subparsers(dest="users_command", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="give a new person a login with a password and a role")
    add.add_argument("login", help="their login name (letters, digits and _ . @ -)")
    add.add_argument("--role", required=True, choices=ROLES, help=ROLE_HELP)
    add.add_argument("--community", metavar="CODE", help="a chief's community: its zone code")
    add.add_argument("--password-file", type=Path, metavar="FILE",
                     help="read the password from the first line of FILE (without it: asked for, not shown)")
    actions.add_parser("list", help="everyone who may open the project: login, role, community")
    remove = actions.add_parser("remove", help="take a person out of the project (their login is dropped)")
    remove.add_argument("login", help="their login name")


def run(args: argparse.Namespace) -> int:
    """``gridmap users URL ACTION``."""
    from gridmap.storage.server import rights
    from gridmap.storage.server.address import is_server_address, shown, with_user

    if not is_server_address(args.url):
        raise ServerError(shown(args.url), "address", "is not a database address.",
                          "Write it as postgresql://user@host:port/database.")
    address = shown(args.url)
    if args.users_command == "add":
        password = _password(args.password_file, args.login, address)
        person = rights.add(args.url, args.login, args.role, password, args.community)
        where = f" of {person.community_code} {person.community_name}" if person.community_code else ""
        print(f"{address}: added {person.login} as {rights.KIND_NAMES[person.kind]}{where}.")
        print(f"They open the project with: gridmap {with_user(args.url, person.login)}")
        return 0
    if args.users_command == "list":
        found = rights.people(args.url)
        if not found:
            print(f"{address}: no people yet; add them with: gridmap users URL add LOGIN --role "
                  f"{'|'.join(ROLES)}")
            return 0
        print(table(["login", "role", "community", "name"],
                    [[p.login, rights.KIND_NAMES[p.kind], p.community_code, p.community_name] for p in found]))
        return 0
    dropped = rights.remove(args.url, args.login)
    print(f"{address}: removed {args.login} from the project"
          + ("; their login is dropped from the server." if dropped else
             "; their login stays on the server (it is used elsewhere), without any right here."))
    return 0


def _password(path: Path | None, login: str, address: str) -> str:
    """The new person's password: the first line of ``path``, or typed twice (not echoed)."""
    if path is not None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise FileProblem(path, f"cannot be read ({exc.strerror}).", "Give the password file's path.") from exc
        except UnicodeDecodeError as exc:  # its text is not said: it is a password
            raise FileProblem(path, "is not text in UTF-8.", "Write the password in a text file.") from exc
        if not lines or not lines[0]:
            raise FileProblem(path, "holds no password on its first line.", "Write the password there.")
        return lines[0]
    first = getpass.getpass(f"Password for {login}: ")
    if not first:
        raise ServerError(address, "refused", f"got an empty password for {login}; nothing was changed.",
                          "Type a password.")
    if getpass.getpass("The same again: ") != first:
        raise ServerError(address, "refused", "got two different passwords; nothing was changed.",
                          "Type the same password twice.")
    return first
