// Preloaded into a child process (node --require) to make its disk fill up: once more than
// RECERT_TEST_DISK_FULL_AFTER bytes have been written to files under RECERT_TEST_DISK_FULL_UNDER,
// every further write there fails with ENOSPC, as a full disk's would. Worker threads load it too.
const fs = require('node:fs');
const { resolve } = require('node:path');

const under = process.env.RECERT_TEST_DISK_FULL_UNDER;
const after = Number(process.env.RECERT_TEST_DISK_FULL_AFTER ?? 0);
if (under) {
  const root = resolve(under);
  const watched = new Set();
  let written = 0;
  const isWatched = (path) => typeof path === 'string' && resolve(path).startsWith(root);
  const full = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  const take = (fd, length) => {
    if (!watched.has(fd)) return false;
    if (written + length > after) return true;
    written += length;
    return false;
  };
  const { openSync, open, closeSync, close, writeSync, write, writev } = fs;
  fs.openSync = function (path, ...rest) {
    const fd = openSync.call(this, path, ...rest);
    if (isWatched(path)) watched.add(fd);
    return fd;
  };
  fs.open = function (path, ...rest) {
    const callback = rest.pop();
    return open.call(this, path, ...rest, (error, fd) => {
      if (!error && isWatched(path)) watched.add(fd);
      callback(error, fd);
    });
  };
  fs.closeSync = function (fd) {
    watched.delete(fd);
    return closeSync.call(this, fd);
  };
  fs.close = function (fd, ...rest) {
    watched.delete(fd);
    return close.call(this, fd, ...rest);
  };
  fs.writeSync = function (fd, buffer, ...rest) {
    const length = typeof buffer === 'string' ? Buffer.byteLength(buffer) : typeof rest[1] === 'number' ? rest[1] : buffer.byteLength;
    if (take(fd, length)) throw full();
    return writeSync.call(this, fd, buffer, ...rest);
  };
  fs.write = function (fd, buffer, ...rest) {
    const callback = rest[rest.length - 1];
    const length = typeof buffer === 'string' ? Buffer.byteLength(buffer) : typeof rest[1] === 'number' ? rest[1] : buffer.byteLength;
    if (take(fd, length)) return process.nextTick(callback, full());
    return write.call(this, fd, buffer, ...rest);
  };
  fs.writev = function (fd, buffers, ...rest) {
    const callback = rest[rest.length - 1];
    if (
      take(
        fd,
        buffers.reduce((sum, b) => sum + b.byteLength, 0),
      )
    )
      return process.nextTick(callback, full());
    return writev.call(this, fd, buffers, ...rest);
  };
}
