#!/usr/bin/env python3
# Independent reference for the known answers of tests/core/encryption_kat_test.cpp
# (docs/encryption.md). Needs python3-cryptography; prints the values the test freezes.
# Independent check of the page format (docs/encryption.md) with Python's cryptography package:
# XChaCha20-Poly1305 = HChaCha20 subkey + IETF ChaCha20-Poly1305.
import struct, hashlib
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
def rotl(v,c): return ((v<<c)&0xffffffff)|(v>>(32-c))
def qr(s,a,b,c,d):
    s[a]=(s[a]+s[b])&0xffffffff; s[d]^=s[a]; s[d]=rotl(s[d],16)
    s[c]=(s[c]+s[d])&0xffffffff; s[b]^=s[c]; s[b]=rotl(s[b],12)
    s[a]=(s[a]+s[b])&0xffffffff; s[d]^=s[a]; s[d]=rotl(s[d],8)
    s[c]=(s[c]+s[d])&0xffffffff; s[b]^=s[c]; s[b]=rotl(s[b],7)
def hchacha(key,n16):
    s=list(struct.unpack('<4I',b'expand 32-byte k'))+list(struct.unpack('<8I',key))+list(struct.unpack('<4I',n16))
    for _ in range(10):
        qr(s,0,4,8,12);qr(s,1,5,9,13);qr(s,2,6,10,14);qr(s,3,7,11,15)
        qr(s,0,5,10,15);qr(s,1,6,11,12);qr(s,2,7,8,13);qr(s,3,4,9,14)
    return struct.pack('<8I',*(s[0:4]+s[12:16]))
def xseal(key,nonce,pt,ad):
    return ChaCha20Poly1305(hchacha(key,nonce[:16])).encrypt(b'\0'*4+nonce[16:],pt,ad)
def kdf(dek,i,ctx): return hashlib.blake2b(b'',digest_size=32,key=dek,salt=i.to_bytes(8,'little')+bytes(8),person=ctx+bytes(8)).digest()
salt=bytes(range(0xa0,0xa8)); nonce=bytes(range(0x40,0x58)); pk=bytes(range(0x20,0x40))
page=bytearray(4096); page[0:16]=b'SQLite format 3\0'; page[16]=0x10; page[18]=2; page[19]=2; page[20]=40
for i in range(100,4056): page[i]=(i*7)&255
ad=bytes([1])+salt+(0).to_bytes(8,'little')
ct=xseal(pk,nonce,bytes(page[16:4056]),ad)
disk=b'DyadEnc1'+salt+ct[:-16]+nonce+ct[-16:]
print('page1 tag', ct[-16:].hex()); print('page1 image', hashlib.blake2b(disk,digest_size=32).hexdigest())
plain=bytes(i&255 for i in range(4056)); off=56
ct=xseal(pk,nonce,plain,bytes([2])+salt+off.to_bytes(8,'little'))
print('wal image', hashlib.blake2b(ct[:-16]+nonce+ct[-16:],digest_size=32).hexdigest())
print('page subkey', kdf(bytes(range(32)),1,b'DyadPage').hex())
print('backup subkey', kdf(bytes(range(32)),2,b'DyadBkup').hex())
import base64
rk=bytes(range(0x80,0xa0)); t=base64.b32encode(rk+hashlib.blake2b(rk,digest_size=32).digest()[:2]).decode().rstrip('=')
print('recovery', '-'.join(t[i:i+5] for i in range(0,len(t),5)))
