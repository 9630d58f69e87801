//! The messages between the page and the analysis worker: a plain object
//! `{head, beside}`, where `head` is the JSON of an engine
//! [`Request`]/[`Response`] and `beside` an array of what must not go
//! through JSON (file texts as strings, or `File`s to read), in the order
//! of the files the head names. A big head (a report) travels as the bytes
//! of its JSON rather than as a string: neither side then converts it
//! between JavaScript's UTF-16 and Rust's UTF-8, and the worker hands its
//! buffer over instead of copying it.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};

use engine::session::{Request, Response};

/// From this size on a head is sent as bytes.
const BYTES_FROM: usize = 64 * 1024;

fn pack(head: String, beside: &Array) -> JsValue {
    let msg = Object::new();
    let head = if head.len() < BYTES_FROM {
        JsValue::from(head)
    } else {
        Uint8Array::from(head.as_bytes()).into()
    };
    _ = Reflect::set(&msg, &"head".into(), &head);
    _ = Reflect::set(&msg, &"beside".into(), beside);
    msg.into()
}

/// The JSON of a message's head, as a string or as bytes.
enum Head {
    Text(String),
    Bytes(Vec<u8>),
}

impl Head {
    fn read<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        match self {
            Head::Text(t) => serde_json::from_str(t).ok(),
            // Checked as UTF-8 at once, then read as text (faster than
            // checking each string as it is read).
            Head::Bytes(b) => serde_json::from_str(std::str::from_utf8(b).ok()?).ok(),
        }
    }
}

fn unpack(msg: &JsValue) -> Option<(Head, Array)> {
    let head = Reflect::get(msg, &"head".into()).ok()?;
    let head = match head.dyn_into::<Uint8Array>() {
        Ok(bytes) => Head::Bytes(bytes.to_vec()),
        Err(head) => Head::Text(head.as_string()?),
    };
    let beside = Reflect::get(msg, &"beside".into())
        .ok()
        .filter(Array::is_array)
        .map(|v| Array::from(&v))
        .unwrap_or_default();
    Some((head, beside))
}

/// A request as a message.
pub fn encode(req: &Request, beside: &Array) -> JsValue {
    pack(serde_json::to_string(req).expect("plain data"), beside)
}

/// A response as a message.
pub fn encode_response(res: &Response, beside: &Array) -> JsValue {
    pack(serde_json::to_string(res).expect("plain data"), beside)
}

/// A request read back (`None`: not one of ours).
pub fn decode_request(msg: &JsValue) -> Option<(Request, Array)> {
    let (head, beside) = unpack(msg)?;
    Some((head.read()?, beside))
}

/// The head's bytes of a message packed by this module (to hand its
/// buffer over with the message), when it is sent as bytes.
pub fn head_bytes(msg: &JsValue) -> Option<Uint8Array> {
    Reflect::get(msg, &"head".into()).ok()?.dyn_into().ok()
}

/// A response read back (`None`: not one of ours).
pub fn decode_response(msg: &JsValue) -> Option<(Response, Array)> {
    let (head, beside) = unpack(msg)?;
    Some((head.read()?, beside))
}
