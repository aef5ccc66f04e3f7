# Runs the age command as a person would, at a terminal: age reads a passphrase only from the
# terminal, so tests and the benchmark's baseline give it one through a pseudo-terminal, once for
# decryption and twice (entered, confirmed) for encryption.
# Usage: age-tty.py PASSPHRASE AGE-ARGUMENTS...   (e.g. -p -o out.age in, or -d -o out in.age)
import os, pty, sys

passphrase, arguments = sys.argv[1], sys.argv[2:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp('age', ['age', *arguments])
answered = 0
seen = b''
while True:
    try:
        chunk = os.read(fd, 1024)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
    while answered < 2 and seen.lower().count(b'passphrase') > answered:
        os.write(fd, passphrase.encode() + b'\n')
        answered += 1
_, status = os.waitpid(pid, 0)
sys.stderr.write(seen.decode(errors='replace') if os.waitstatus_to_exitcode(status) else '')
sys.exit(os.waitstatus_to_exitcode(status))
