package engine

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

// A version-2 backup set (WITH COMPRESSION or WITH ENCRYPTION) stores its
// entries — the same byte stream a version-1 set stores plainly — in frames:
//
//	u32 length | flags | data      … repeated, then u32 0
//
// data is one chunk of at most backupChunk entry bytes, zstd-compressed when
// the set is compressed, then sealed with AES-GCM when it is encrypted (nonce
// = the set's 4-byte prefix and the frame's index; the index and flags are
// authenticated, so frames cannot be reordered, and the last frame carries
// frameFinal, so a file cut at a frame boundary is refused too). The set's
// CRC32C still covers every byte as written, so damage is found before any
// key is needed.
const (
	backupChunk   = 1 << 20
	maxFrame      = backupChunk + backupChunk/8 + 1024 // zstd's worst case and GCM's tag fit
	frameFinal    = 0x01
	compressZstd  = "zstd"
	encryptorCert = "CERTIFICATE"
)

// backupEncryption is what a set records of its encryption (RESTORE
// HEADERONLY's KeyAlgorithm, EncryptorThumbprint, EncryptorType): the data key
// is random per set and kept only wrapped for the certificate's public key.
type backupEncryption struct {
	Algorithm     string `json:"algorithm"` // aes_128, aes_192, aes_256
	EncryptorType string `json:"encryptor_type"`
	Thumbprint    []byte `json:"thumbprint"` // SHA-1 of the certificate
	WrappedKey    []byte `json:"wrapped_key"`
	// Ephemeral is the ECDH public key the key was wrapped with, for an
	// elliptic-curve certificate (RSA certificates wrap with OAEP).
	Ephemeral   []byte `json:"ephemeral,omitempty"`
	NoncePrefix []byte `json:"nonce_prefix"`
}

// backupKeyLengths are the algorithms BACKUP … WITH ENCRYPTION takes here and
// their key sizes. TRIPLE_DES_3KEY, deprecated by SQL Server, is refused.
var backupKeyLengths = map[string]int{"AES_128": 16, "AES_192": 24, "AES_256": 32}

// certThumbprint is SQL Server's thumbprint of a certificate: the SHA-1 hash of
// its DER encoding.
func certThumbprint(certPEM []byte) ([]byte, *x509.Certificate, error) {
	b := certPEM
	if blk, _ := pem.Decode(certPEM); blk != nil {
		b = blk.Bytes
	}
	c, err := x509.ParseCertificate(b)
	if err != nil {
		return nil, nil, err
	}
	sum := sha1.Sum(c.Raw)
	return sum[:], c, nil
}

const wrapInfo = "mirrorsql backup key"

// wrapBackupKey seals key for cert's public key: RSA-OAEP, or for an EC key an
// ephemeral ECDH agreement whose HKDF output seals the key with AES-GCM.
func wrapBackupKey(cert *x509.Certificate, key []byte) (wrapped, ephemeral []byte, err error) {
	switch pub := cert.PublicKey.(type) {
	case *rsa.PublicKey:
		w, err := rsa.EncryptOAEP(sha256.New(), rand.Reader, pub, key, []byte(wrapInfo))
		return w, nil, err
	case *ecdsa.PublicKey:
		peer, err := pub.ECDH()
		if err != nil {
			return nil, nil, err
		}
		eph, err := peer.Curve().GenerateKey(rand.Reader)
		if err != nil {
			return nil, nil, err
		}
		aead, err := agreedAEAD(eph, peer, eph.PublicKey().Bytes())
		if err != nil {
			return nil, nil, err
		}
		return aead.Seal(nil, make([]byte, aead.NonceSize()), key, nil), eph.PublicKey().Bytes(), nil
	}
	return nil, nil, fmt.Errorf("certificate key type %T cannot encrypt a backup", cert.PublicKey)
}

// unwrapBackupKey is wrapBackupKey's inverse with the certificate's private key.
func unwrapBackupKey(keyPEM []byte, enc *backupEncryption) ([]byte, error) {
	blk, _ := pem.Decode(keyPEM)
	if blk == nil {
		return nil, errors.New("no private key")
	}
	var priv any
	var err error
	switch blk.Type {
	case "EC PRIVATE KEY":
		priv, err = x509.ParseECPrivateKey(blk.Bytes)
	case "RSA PRIVATE KEY":
		priv, err = x509.ParsePKCS1PrivateKey(blk.Bytes)
	default:
		priv, err = x509.ParsePKCS8PrivateKey(blk.Bytes)
	}
	if err != nil {
		return nil, err
	}
	switch k := priv.(type) {
	case *rsa.PrivateKey:
		return rsa.DecryptOAEP(sha256.New(), nil, k, enc.WrappedKey, []byte(wrapInfo))
	case *ecdsa.PrivateKey:
		own, err := k.ECDH()
		if err != nil {
			return nil, err
		}
		eph, err := own.Curve().NewPublicKey(enc.Ephemeral)
		if err != nil {
			return nil, err
		}
		aead, err := agreedAEAD(own, eph, enc.Ephemeral)
		if err != nil {
			return nil, err
		}
		return aead.Open(nil, make([]byte, aead.NonceSize()), enc.WrappedKey, nil)
	}
	return nil, fmt.Errorf("private key type %T", priv)
}

// agreedAEAD derives a one-use AES-256-GCM key from an ECDH agreement.
func agreedAEAD(own *ecdh.PrivateKey, peer *ecdh.PublicKey, salt []byte) (cipher.AEAD, error) {
	secret, err := own.ECDH(peer)
	if err != nil {
		return nil, err
	}
	kek, err := hkdf.Key(sha256.New, secret, salt, wrapInfo, 32)
	if err != nil {
		return nil, err
	}
	return newGCM(kek)
}

func newGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// frameCodec turns entry chunks into frames and back for one set. The zstd
// encoder or decoder is made when first needed: a set is either written or
// read.
type frameCodec struct {
	compressed bool
	zenc       *zstd.Encoder
	zdec       *zstd.Decoder
	aead       cipher.AEAD
	pfx        []byte
	tmp        []byte
}

func newFrameCodec(compressed bool, aead cipher.AEAD, noncePrefix []byte) (*frameCodec, error) {
	return &frameCodec{compressed: compressed, aead: aead, pfx: noncePrefix}, nil
}

func (c *frameCodec) encoder() *zstd.Encoder {
	if c.zenc == nil {
		// Errors come only from invalid options, and these are fixed.
		c.zenc, _ = zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedFastest), zstd.WithEncoderConcurrency(1))
	}
	return c.zenc
}

func (c *frameCodec) decoder() *zstd.Decoder {
	if c.zdec == nil {
		c.zdec, _ = zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(backupChunk+1))
	}
	return c.zdec
}

func (c *frameCodec) close() {
	if c.zdec != nil {
		c.zdec.Close()
	}
}

func (c *frameCodec) nonce(idx uint64) []byte {
	n := make([]byte, 0, 12)
	n = append(n, c.pfx...)
	return binary.BigEndian.AppendUint64(n, idx)
}

func frameAAD(idx uint64, flags byte) []byte {
	return append(binary.BigEndian.AppendUint64(nil, idx), flags)
}

// seal encodes chunk as frame idx into dst.
func (c *frameCodec) seal(dst, chunk []byte, idx uint64, flags byte) []byte {
	data := chunk
	if c.compressed {
		c.tmp = c.encoder().EncodeAll(chunk, c.tmp[:0])
		data = c.tmp
	}
	if c.aead != nil {
		return c.aead.Seal(dst, c.nonce(idx), data, frameAAD(idx, flags))
	}
	return append(dst, data...)
}

// open decodes frame idx's data into a chunk (which may alias c's buffers).
func (c *frameCodec) open(data []byte, idx uint64, flags byte) ([]byte, error) {
	if c.aead != nil {
		var err error
		if data, err = c.aead.Open(c.tmp[:0], c.nonce(idx), data, frameAAD(idx, flags)); err != nil {
			return nil, fmt.Errorf("%w: frame %d does not authenticate", errBackupCorrupt, idx)
		}
		c.tmp = data
	}
	if c.compressed {
		out, err := c.decoder().DecodeAll(data, nil)
		if err != nil || len(out) > backupChunk {
			return nil, fmt.Errorf("%w: frame %d does not decompress", errBackupCorrupt, idx)
		}
		return out, nil
	}
	return data, nil
}

// frameWriter is the entries' writer of a version-2 set: it gathers chunks
// and hands each sealed frame to out.
type frameWriter struct {
	codec *frameCodec
	out   func([]byte)
	buf   []byte
	frame []byte
	idx   uint64
}

func (w *frameWriter) Write(b []byte) (int, error) {
	n := len(b)
	for len(b) > 0 {
		room := backupChunk - len(w.buf)
		k := min(room, len(b))
		w.buf = append(w.buf, b[:k]...)
		b = b[k:]
		if len(w.buf) == backupChunk {
			w.emit(0)
		}
	}
	return n, nil
}

func (w *frameWriter) emit(flags byte) {
	f := append(w.frame[:0], 0, 0, 0, 0, flags)
	f = w.codec.seal(f, w.buf, w.idx, flags)
	binary.LittleEndian.PutUint32(f, uint32(len(f)-5))
	w.out(f)
	w.frame, w.buf = f, w.buf[:0]
	w.idx++
}

// close writes the last (final) frame and the terminator.
func (w *frameWriter) close() {
	w.emit(frameFinal)
	w.out([]byte{0, 0, 0, 0})
	w.codec.close()
}

// frameReader reads a version-2 set's entries back: read returns the raw
// frames' bytes (through the set's checksum when verifying).
type frameReader struct {
	codec *frameCodec
	read  func([]byte) error
	// buf holds the frame being read: one buffer for all of them, as cur
	// (which may alias it) is used up before the next frame is read.
	buf   []byte
	cur   []byte
	idx   uint64
	final bool
	ended bool
}

// nextFrame reads one frame; false at the terminator.
func (r *frameReader) nextFrame() (data []byte, flags byte, ok bool, err error) {
	var hdr [4]byte
	if err := r.read(hdr[:]); err != nil {
		return nil, 0, false, err
	}
	l := binary.LittleEndian.Uint32(hdr[:])
	if l == 0 {
		if !r.final {
			return nil, 0, false, fmt.Errorf("%w: frames end without the final one", errBackupCorrupt)
		}
		r.ended = true
		return nil, 0, false, nil
	}
	if l > maxFrame {
		return nil, 0, false, fmt.Errorf("%w: frame too large", errBackupCorrupt)
	}
	if r.final {
		return nil, 0, false, fmt.Errorf("%w: a frame after the final one", errBackupCorrupt)
	}
	var f [1]byte
	if err := r.read(f[:]); err != nil {
		return nil, 0, false, err
	}
	if uint32(cap(r.buf)) < l {
		r.buf = make([]byte, l)
	}
	data = r.buf[:l]
	if err := r.read(data); err != nil {
		return nil, 0, false, err
	}
	r.final = f[0]&frameFinal != 0
	return data, f[0], true, nil
}

// Read implements io.Reader over the decoded entries.
func (r *frameReader) Read(p []byte) (int, error) {
	for len(r.cur) == 0 {
		if r.ended {
			return 0, io.EOF
		}
		data, flags, ok, err := r.nextFrame()
		if err != nil {
			return 0, err
		}
		if !ok {
			continue
		}
		if r.cur, err = r.codec.open(data, r.idx, flags); err != nil {
			return 0, err
		}
		r.idx++
	}
	n := copy(p, r.cur)
	r.cur = r.cur[n:]
	return n, nil
}

// skipRest reads the frames left after the entries' end marker: none but the
// terminator, or the set is damaged. Without a codec (an encrypted set read
// without its key) it only reads every frame through.
func (r *frameReader) skipRest(decoded bool) error {
	if decoded && len(r.cur) != 0 {
		return fmt.Errorf("%w: bytes after the end of the entries", errBackupCorrupt)
	}
	for !r.ended {
		_, _, ok, err := r.nextFrame()
		if err != nil {
			return err
		}
		if ok && decoded {
			return fmt.Errorf("%w: frames after the end of the entries", errBackupCorrupt)
		}
	}
	return nil
}
