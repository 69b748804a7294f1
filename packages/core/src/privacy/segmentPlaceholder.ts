/**
 * Classifies one path segment: an identifier, a token or an e-mail address becomes a placeholder, so neither the
 * value nor the number of distinct values leaves the page. Runs for every new request URL, so it scans the
 * segment once by character code and reaches for a regular expression only for the shapes that need one.
 */

/** Numbers, UUIDs, ULIDs, ObjectIds, snowflakes, short hex and mixed letter-and-digit ids. */
export const ID_PLACEHOLDER = ':id'
/** JWTs, base64 / base64url runs, long hex, high-entropy strings and over-long segments. */
export const TOKEN_PLACEHOLDER = ':token'
/** E-mail addresses, plain or percent-encoded. */
export const EMAIL_PLACEHOLDER = ':email'
/** Documents, media and archives by name (`jane-doe-cv.pdf` is `:file.pdf`): a file's name says whose it is. */
export const FILE_PLACEHOLDER = ':file'

/**
 * Longer segments are never route words: real route words and slugs stay well under this, while signed blobs,
 * encoded payloads and long tokens run past it.
 */
export const MAX_SEGMENT_LENGTH = 64
/** Hex runs this long or longer are digests or secrets (SHA-1 is 40, a 128-bit key 32), not row ids. */
const LONG_HEX = 32
/** Segments shorter than this that hold no digit, `@`, `%` or `.` are words (`users`, `me`, `v2`): settled at once. */
const SHORT_WORD = 12

const EMAIL = /^[^@\s/]+@[^@\s/]+\.[a-z]{2,}$/i
/** Three dot-separated base64url parts: a JWT (or JWS / JWE compact form); the signature part may be empty. */
const JWT = /^[\w-]{8,}\.[\w-]{8,}\.[\w-]*$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
/** Characters of free text or of structured data, never of a route word. */
const FREE_TEXT = /[\s"'{}[\]<>,;:=&?/\\|%]/
/** A file extension after a classified stem: `5f8d0d55b547644.png` becomes `:id.png`. */
const EXTENSION = /^[a-z][a-z0-9]{0,4}$/i
/**
 * Extensions of user files (documents, images, audio, video, archives, dumps), named by people rather than by a
 * build. Code and static assets (`main.css`, `robots.txt`, `logo.svg`, `app.js`) keep their names.
 */
const USER_FILE_EXTENSIONS = new Set(
  'pdf doc docx xls xlsx ppt pptx odt ods odp rtf csv tsv jpg jpeg png gif webp avif heic heif bmp tif tiff raw mp4 mov webm mkv avi m4v mp3 wav m4a ogg flac aac zip gz tgz tar rar 7z bz2 xz sql bak db sqlite eml msg vcf ics key pages epub'.split(
    ' ',
  ),
)
/** Separators inside a segment (`bot123:AAH…`, `+14155552671`, `a.b.c`): each part is judged on its own. */
const PART_SEPARATOR = /[^A-Za-z0-9_-]+/

/**
 * The placeholder a path segment stands for, or null when the segment is kept as it is (a route word).
 * `segment` is the raw segment, as it appears in the URL (percent-encoding included).
 */
export function segmentPlaceholder(segment: string): string | null {
  const n = segment.length
  if (n === 0) return null
  if (n > MAX_SEGMENT_LENGTH) return TOKEN_PLACEHOLDER
  let digits = 0
  let lower = 0
  let upper = 0
  let hexLetters = 0
  let symbols = 0
  let specials = 0
  for (let i = 0; i < n; i++) {
    const c = segment.charCodeAt(i)
    if (c >= 48 && c <= 57) digits++
    else if (c >= 97 && c <= 122) {
      lower++
      if (c <= 102) hexLetters++
    } else if (c >= 65 && c <= 90) {
      upper++
      if (c <= 70) hexLetters++
    } else if (c === 45 || c === 95) symbols++
    else specials++
  }
  if (n < SHORT_WORD && digits === 0 && specials === 0) return null
  if (specials > 0) return special(segment)
  const letters = lower + upper
  if (letters === 0) return digits > 0 ? ID_PLACEHOLDER : null
  if (digits > 0) {
    if (symbols === 0 && hexLetters === letters && n >= 8) return n >= LONG_HEX ? TOKEN_PLACEHOLDER : ID_PLACEHOLDER
    if (n === 36 && UUID.test(segment)) return ID_PLACEHOLDER
    if (mixedId(segment, n, digits, lower > 0 && upper > 0)) return n > 26 ? TOKEN_PLACEHOLDER : ID_PLACEHOLDER
    return null
  }
  return n >= SHORT_WORD && looksRandom(segment) ? TOKEN_PLACEHOLDER : null
}

/** Segments with characters beyond letters, digits, `-` and `_`: encoded text, e-mails, JWTs, files, base64. */
function special(segment: string): string | null {
  if (segment.includes('%')) {
    let decoded: string
    try {
      decoded = decodeURIComponent(segment)
    } catch {
      return TOKEN_PLACEHOLDER
    }
    // Encoded bytes are judged as decoded. Free text (spaces, quotes, braces, commas: an address, a JSON state)
    // and text encoded twice are never route words.
    if (decoded !== segment) return FREE_TEXT.test(decoded) ? TOKEN_PLACEHOLDER : segmentPlaceholder(decoded)
  }
  if (segment.includes('@')) {
    if (EMAIL.test(segment)) return EMAIL_PLACEHOLDER
    // `@jane` is a handle (a person); `a@b` without a domain is judged by its parts.
    if (segment.charCodeAt(0) === 64 && segment.length > 2) return ID_PLACEHOLDER
  }
  if (JWT.test(segment)) return TOKEN_PLACEHOLDER
  const dot = segment.lastIndexOf('.')
  if (dot > 0) {
    const extension = segment.slice(dot + 1)
    if (EXTENSION.test(extension)) {
      if (USER_FILE_EXTENSIONS.has(extension.toLowerCase())) return `${FILE_PLACEHOLDER}.${extension}`
      const stem = segment.slice(0, dot)
      const placeholder = stem.includes('.') ? parts(stem) : segmentPlaceholder(stem)
      return placeholder === null ? null : `${placeholder}.${extension}`
    }
  }
  // Base64 with `+` or padding, `~` runs: a blob, whatever its parts.
  if (segment.length >= 16 && /[+=~]/.test(segment)) return TOKEN_PLACEHOLDER
  return parts(segment)
}

/**
 * `1.2.3.4`, `bot123:AAH…`, `+14155552671`: each part between separators on its own; a token or e-mail part
 * makes the whole a token, an id part an id.
 */
function parts(segment: string): string | null {
  let id = false
  for (const part of segment.split(PART_SEPARATOR)) {
    const p = part === '' ? null : segmentPlaceholder(part)
    if (p === TOKEN_PLACEHOLDER || p === EMAIL_PLACEHOLDER) return TOKEN_PLACEHOLDER
    if (p !== null) id = true
  }
  return id ? ID_PLACEHOLDER : null
}

/**
 * Letters and digits mixed the way generated ids mix them (`aB3dE5gH7`, `cjld2cjxh0000qzrmn831i7rn`, ULIDs,
 * `order12345`), not the way names do (`v2`, `oauth2`, `base64url`, `h264`, `iphone-15-pro`).
 */
function mixedId(segment: string, n: number, digits: number, mixedCase: boolean): boolean {
  if (n >= 16) return true
  // Short codes mixing both cases and digits (`aZ3kQ9`) are link ids; short names with digits are not.
  if (n < (mixedCase ? 6 : 8)) return false
  if (digits >= 4 && n >= 8) return true
  let switches = 0
  let previousDigit = isDigit(segment.charCodeAt(0))
  for (let i = 1; i < n; i++) {
    const c = segment.charCodeAt(i)
    if (c === 45 || c === 95) continue
    const digit = isDigit(c)
    if (digit !== previousDigit) switches++
    previousDigit = digit
  }
  return switches >= 3
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/**
 * Letter pairs common in English words, as `first:seconds` (the pairs that make up 99 % of the letter pairs in a
 * few hundred package READMEs). Random letters land outside them about half the time, words almost never.
 */
const COMMON_PAIRS =
  'a:bcdfgijklmnprstuvwxy b:aeijlorsuy c:acehikloprstuy d:abdefgiklmnorstuy e:abcdefgijlmnopqrstuvwxy f:acefilortuy ' +
  'g:aeghilnorstu h:aeimorstuy i:abcdefgklmnoprstvxz j:aehosv k:aefins l:abcdehijlopstuy m:abegijlmnopsu ' +
  'n:acdefgiklmnopstuvy o:abcdefgiklmnoprstuvw p:adehilmnoprstu q:u r:abcdefgiklmnoprstuvwy s:acdefhiklmnoprstuvy ' +
  't:acdefhilmoprstuwy u:abcdefgilmnprst v:aegio w:aehinorsw x:aceipt y:almnopst z:aei'
/** Share of uncommon letter pairs from which a string reads as random. */
const RANDOM_PAIR_SHARE = 0.25

let pairMasks: Uint32Array | null = null

/** One bit per second letter, per first letter; built on first use (nothing runs at import). */
function commonPairs(): Uint32Array {
  if (pairMasks) return pairMasks
  const masks = new Uint32Array(26)
  for (const entry of COMMON_PAIRS.split(' ')) {
    const first = entry.charCodeAt(0) - 97
    for (let i = 2; i < entry.length; i++) masks[first]! |= 1 << (entry.charCodeAt(i) - 97)
  }
  return (pairMasks = masks)
}

/**
 * A letters-only string (with `-` / `_`) of at least {@link SHORT_WORD} characters that reads as random rather
 * than as words: too many of its letter pairs are ones words rarely hold (`qz`, `xj`, `vw`). Case is ignored, so
 * camelCase names with acronyms (`getHTTPResponse`) read as the words they are.
 */
function looksRandom(segment: string): boolean {
  const masks = commonPairs()
  let pairs = 0
  let rare = 0
  let caseSwitches = 0
  let previous = -1
  let previousUpper = false
  for (let i = 0; i < segment.length; i++) {
    const code = segment.charCodeAt(i)
    const c = code | 32
    if (c < 97 || c > 122) {
      previous = -1
      continue
    }
    const letter = c - 97
    const upper = code !== c
    if (previous >= 0) {
      pairs++
      if ((masks[previous]! & (1 << letter)) === 0) rare++
      if (upper !== previousUpper) caseSwitches++
    }
    previous = letter
    previousUpper = upper
  }
  if (pairs === 0) return false
  // Random case flips about every other letter; camelCase flips twice per word. Either signal alone can be met
  // by a name (an acronym-heavy camelCase, an odd word), so a flip-heavy string needs some uncommon pairs too.
  const rareShare = rare / pairs
  return rareShare >= RANDOM_PAIR_SHARE || (caseSwitches * 2.5 >= pairs && rareShare >= RANDOM_PAIR_SHARE / 2)
}
