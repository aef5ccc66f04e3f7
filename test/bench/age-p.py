# Runs `age -p` as a person would, at a terminal: age reads a passphrase only from the terminal, so
# the benchmark's baseline gets one through a pseudo-terminal. Usage: age-p.py PASSPHRASE IN OUT
import os, pty, sys

passphrase, source, out = sys.argv[1], sys.argv[2], sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.execvp('age', ['age', '-p', '-o', out, source])
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
sys.exit(os.waitstatus_to_exitcode(status))
