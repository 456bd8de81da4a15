"""A WebSocket server built on Python's websockets (Debian's python3-websockets), which offers
permessage-deflate by default. Tests drive it with text commands:

  info              -> {"extensions": [names negotiated]}
  text N SEED       -> N pseudo-random ASCII characters, then "sha256 <hex of their UTF-8>"
  binary N SEED     -> N pseudo-random bytes, then "sha256 <hex>"
  bomb N            -> N zero bytes in one binary message (a few KiB once deflated)
  terms             -> {"server_no_context_takeover": .., "client_no_context_takeover": ..,
                        "server_max_window_bits": .., "client_max_window_bits": ..}: the
                        permessage-deflate parameters this connection agreed, as the server reads
                        them (a window not named is 15); {} without compression
  collect N         -> takes the next N messages as data, then "received N sha256 <hex>" over
                       each one's bytes followed by a newline
  stream N SEED     -> N texts of 50 to 2049 characters, words of a small vocabulary (so they
                       repeat within and across messages), then "sha256 <hex>" over each one's
                       UTF-8 followed by a newline
  anything else     -> echoed back

Usage: websockets_server.py PORT [--server-no-context-takeover] [--client-no-context-takeover]
                                 [--server-max-window-bits N] [--client-max-window-bits N]
With none of the options the server offers websockets' default compression.
"""
import argparse
import asyncio
import hashlib
import json
import random
import string

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory


def terms(ws):
    for e in ws.extensions:
        if e.name == "permessage-deflate":
            return {
                "server_no_context_takeover": e.local_no_context_takeover,
                "client_no_context_takeover": e.remote_no_context_takeover,
                "server_max_window_bits": e.local_max_window_bits,
                "client_max_window_bits": e.remote_max_window_bits,
            }
    return {}


def texts(count, seed):
    rnd = random.Random(seed)
    vocabulary = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(3, 9)))
                  for _ in range(64)]
    for _ in range(count):
        length = rnd.randint(50, 2049)
        words = []
        while sum(len(w) + 1 for w in words) < length:
            words.append(rnd.choice(vocabulary))
        yield " ".join(words)[:length]


async def handler(ws, path=None):
    collecting = 0
    digest = None
    async for message in ws:
        if collecting:
            digest.update(message.encode() if isinstance(message, str) else message)
            digest.update(b"\n")
            collecting -= 1
            if not collecting:
                await ws.send("received " + str(total) + " sha256 " + digest.hexdigest())
            continue
        if not isinstance(message, str):
            await ws.send(message)
            continue
        words = message.split()
        if words[:1] == ["info"]:
            await ws.send(json.dumps({"extensions": [e.name for e in ws.extensions]}))
        elif words[:1] == ["terms"]:
            await ws.send(json.dumps(terms(ws), sort_keys=True))
        elif words[:1] == ["collect"] and len(words) == 2:
            collecting = total = int(words[1])
            digest = hashlib.sha256()
        elif words[:1] == ["stream"] and len(words) == 3:
            streamed = hashlib.sha256()
            for text in texts(int(words[1]), int(words[2])):
                await ws.send(text)
                streamed.update(text.encode() + b"\n")
            await ws.send("sha256 " + streamed.hexdigest())
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


async def main(options):
    deflate = {
        "server_no_context_takeover": options.server_no_context_takeover,
        "client_no_context_takeover": options.client_no_context_takeover,
        "server_max_window_bits": options.server_max_window_bits,
        "client_max_window_bits": options.client_max_window_bits,
    }
    settings = {}
    if any(deflate.values()):
        settings["extensions"] = [ServerPerMessageDeflateFactory(**deflate)]
        settings["compression"] = None
    async with websockets.serve(handler, "127.0.0.1", options.port, max_size=None, **settings):
        await asyncio.Future()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("--server-no-context-takeover", action="store_true")
    parser.add_argument("--client-no-context-takeover", action="store_true")
    parser.add_argument("--server-max-window-bits", type=int)
    parser.add_argument("--client-max-window-bits", type=int)
    asyncio.run(main(parser.parse_args()))
