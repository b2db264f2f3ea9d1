import Testing
@testable import Kernel
import Notebook

/// SHA-256 against FIPS 180-4's examples and HMAC-SHA256 against RFC 4231's test cases.
@Suite("Message signing")
struct SigningTests {
    @Test func sha256MatchesTheFIPSExamples() {
        #expect(SHA256.hash([]).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(Array("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hex
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func sha256OfAMillionAsFedInPieces() {
        var h = SHA256()
        for _ in 0..<1000 { h.update([UInt8](repeating: UInt8(ascii: "a"), count: 1000)) }
        #expect(h.finalize().hex == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hmacMatchesRFC4231() {
        let case1 = HMACSHA256(key: [UInt8](repeating: 0x0b, count: 20)).mac([Array("Hi There".utf8)])
        #expect(case1.hex == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        let case2 = HMACSHA256(key: Array("Jefe".utf8)).mac([Array("what do ya want ".utf8), Array("for nothing?".utf8)])
        #expect(case2.hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        // A key longer than the block is hashed first.
        let case6 = HMACSHA256(key: [UInt8](repeating: 0xaa, count: 131))
            .mac([Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)])
        #expect(case6.hex == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}

/// The wire protocol: frames in and out, signatures checked.
@Suite("Wire framing")
struct WireFramingTests {
    static let signer = HMACSHA256(key: Array("key".utf8))
    static let message = WireMessage(identities: [[1, 2, 3]], header: Array("{\"a\":1}".utf8),
                                     parentHeader: Array("{}".utf8), metadata: Array("{}".utf8),
                                     content: Array("{}".utf8), buffers: [[9, 9]])

    @Test func framesAreIdentitiesDelimiterSignatureDictionariesBuffers() {
        let frames = Self.message.frames(signer: Self.signer)
        #expect(frames.count == 8)
        #expect(frames[0] == [1, 2, 3])
        #expect(String(decoding: frames[1], as: UTF8.self) == "<IDS|MSG>")
        // HMAC-SHA256 over header, parent header, metadata and content, as Python's hmac computes it.
        #expect(String(decoding: frames[2], as: UTF8.self) == "f1128388193e4dd1aa760827bd756a1b40b627676b5efe22c0e8297919bfa218")
        #expect(frames[7] == [9, 9])
    }

    @Test func signedFramesParseBack() throws {
        let parsed = try WireMessage(frames: Self.message.frames(signer: Self.signer), signer: Self.signer)
        #expect(parsed == Self.message)
    }

    @Test func aWrongKeyIsRejected() {
        let frames = Self.message.frames(signer: HMACSHA256(key: Array("other".utf8)))
        #expect(throws: WireError.badSignature) { try WireMessage(frames: frames, signer: Self.signer) }
    }

    @Test func anUnsignedMessageIsRejectedWhenThereIsAKey() {
        let frames = Self.message.frames(signer: nil)
        #expect(throws: WireError.unsigned) { try WireMessage(frames: frames, signer: Self.signer) }
    }

    @Test func aTamperedContentIsRejected() {
        var frames = Self.message.frames(signer: Self.signer)
        frames[6] = Array("{\"x\":2}".utf8)
        #expect(throws: WireError.badSignature) { try WireMessage(frames: frames, signer: Self.signer) }
    }

    @Test func withoutAKeyAnySignatureIsAccepted() throws {
        let parsed = try WireMessage(frames: Self.message.frames(signer: Self.signer), signer: nil)
        #expect(parsed.header == Self.message.header)
    }

    @Test func malformedFramesAreErrorsNotCrashes() {
        #expect(throws: WireError.noDelimiter) { try WireMessage(frames: [], signer: nil) }
        #expect(throws: WireError.noDelimiter) { try WireMessage(frames: [[0xff], []], signer: nil) }
        #expect(throws: WireError.tooFewFrames(2)) {
            try WireMessage(frames: [WireMessage.delimiter, [], Array("{}".utf8)], signer: nil)
        }
    }

    @Test func nonJSONDictionariesAreRejectedByTheMessageParser() {
        var frames = Self.message.frames(signer: nil)
        frames[3] = Array("not json".utf8)
        #expect(throws: WireError.badJSON("header")) { try KernelMessage(frames: frames, signer: nil) }
        let noType = WireMessage(identities: [], header: Array("{\"msg_id\":\"1\"}".utf8), parentHeader: Array("{}".utf8),
                                 metadata: Array("{}".utf8), content: Array("{}".utf8))
        #expect(throws: WireError.badJSON("header without msg_type or msg_id")) {
            try KernelMessage(frames: noType.frames(signer: nil), signer: nil)
        }
    }
}
