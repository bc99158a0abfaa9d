"""An independent implementation of IP Messenger's message encryption (RSA-2048 +
AES-256-CBC, PKCS#1 v1.5, optional SHA-256 signature), written from the protocol
description with Python's `cryptography`, to check Pigeon's vectors both ways.

Reads one JSON request on stdin, writes one JSON answer on stdout."""
import base64
import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, padding, serialization
from cryptography.hazmat.primitives.asymmetric import padding as rsa_padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PACKETNO_IV = 0x800000
ENCODE_BASE64 = 0x1000000
SIGN_SHA256 = 0x40000000


def field_out(data, caps):
    if caps & ENCODE_BASE64:
        return base64.b64encode(data).decode()
    return data.hex()


def field_in(text, caps):
    if caps & ENCODE_BASE64:
        return base64.b64decode(text, validate=True)
    return bytes.fromhex(text)


def iv_for(caps, packet_no):
    iv = bytearray(16)
    if caps & PACKETNO_IV:
        digits = str(packet_no).encode()
        iv[: len(digits)] = digits
    return bytes(iv)


def key_from_answer(text):
    """ANSPUBKEY extra `CAPS:E-N` -> public key."""
    caps, rest = text.split(":", 1)
    e, n = rest.split("-", 1)
    return rsa.RSAPublicNumbers(int(e, 16), int(n, 16)).public_key()


def answer_for(public_key, caps):
    numbers = public_key.public_numbers()
    modulus = numbers.n.to_bytes(256, "big").hex()
    return "%X:%X-%s" % (caps, numbers.e, modulus)


def decrypt(req):
    private_key = serialization.load_pem_private_key(req["privateKey"].encode(), None)
    fields = req["body"].split(":")
    caps = int(fields[0], 16)
    session_key = private_key.decrypt(field_in(fields[1], caps), rsa_padding.PKCS1v15())
    decryptor = Cipher(algorithms.AES(session_key), modes.CBC(iv_for(caps, req["packetNo"]))).decryptor()
    padded = decryptor.update(field_in(fields[2], caps)) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    plain = unpadder.update(padded) + unpadder.finalize()
    verified = None
    if caps & SIGN_SHA256:
        sender = key_from_answer(req["senderAnswer"])
        try:
            sender.verify(field_in(fields[3], caps), plain, rsa_padding.PKCS1v15(), hashes.SHA256())
            verified = True
        except Exception:
            verified = False
    return {"plain": plain.hex(), "verified": verified, "caps": caps}


def encrypt(req):
    caps = req["caps"]
    recipient = key_from_answer(req["recipientAnswer"])
    plain = bytes.fromhex(req["plain"])
    session_key = os.urandom(32)
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plain) + padder.finalize()
    encryptor = Cipher(algorithms.AES(session_key), modes.CBC(iv_for(caps, req["packetNo"]))).encryptor()
    ciphertext = encryptor.update(padded) + encryptor.finalize()
    wrapped = recipient.encrypt(session_key, rsa_padding.PKCS1v15())
    fields = ["%X" % caps, field_out(wrapped, caps), field_out(ciphertext, caps)]
    private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    if caps & SIGN_SHA256:
        fields.append(field_out(private_key.sign(plain, rsa_padding.PKCS1v15(), hashes.SHA256()), caps))
    return {"body": ":".join(fields), "senderAnswer": answer_for(private_key.public_key(), caps)}


def digest(req):
    """IP Messenger's user-name digest: SHA-1 of the little-endian modulus, reversed,
    zero-padded to 24 bytes, the three 8-byte words XORed."""
    modulus = bytes.fromhex(req["modulus"])
    value = hashlib.sha1(modulus[::-1]).digest()[::-1] + bytes(4)
    folded = bytes(a ^ b ^ c for a, b, c in zip(value[0:8], value[8:16], value[16:24]))
    return {"digest": folded.hex()}


def main():
    req = json.load(sys.stdin)
    action = {"decrypt": decrypt, "encrypt": encrypt, "digest": digest}[req["action"]]
    json.dump(action(req), sys.stdout)


if __name__ == "__main__":
    main()
