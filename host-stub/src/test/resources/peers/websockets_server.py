"""A WebSocket server built on Python's websockets (Debian's python3-websockets), which offers
permessage-deflate by default. Tests drive it with text commands:

  info              -> {"extensions": [names negotiated]}
  text N SEED       -> N pseudo-random ASCII characters, then "sha256 <hex of their UTF-8>"
  binary N SEED     -> N pseudo-random bytes, then "sha256 <hex>"
  bomb N            -> N zero bytes in one binary message (a few KiB once deflated)
  anything else     -> echoed back

Usage: websockets_server.py PORT
"""
import asyncio
import hashlib
import json
import random
import string
import sys

import websockets


async def handler(ws, path=None):
    async for message in ws:
        if not isinstance(message, str):
            await ws.send(message)
            continue
        words = message.split()
        if words[:1] == ["info"]:
            await ws.send(json.dumps({"extensions": [e.name for e in ws.extensions]}))
        elif words[:1] == ["text"] and len(words) == 3:
            rnd = random.Random(int(words[2]))
            text = "".join(rnd.choice(string.ascii_letters + " ") for _ in range(int(words[1])))
            await ws.send(text)
            await ws.send("sha256 " + hashlib.sha256(text.encode()).hexdigest())
        elif words[:1] == ["binary"] and len(words) == 3:
            data = random.Random(int(words[2])).randbytes(int(words[1]))
            await ws.send(data)
            await ws.send("sha256 " + hashlib.sha256(data).hexdigest())
        elif words[:1] == ["bomb"] and len(words) == 2:
            await ws.send(bytes(int(words[1])))
        else:
            await ws.send(message)


async def main(port):
    async with websockets.serve(handler, "127.0.0.1", port, max_size=None):
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
