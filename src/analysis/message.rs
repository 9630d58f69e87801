//! The messages between the page and the analysis worker: a plain object
//! `{head, beside}`, where `head` is the JSON of an engine
//! [`Request`]/[`Response`] and `beside` an array of what must not go
//! through JSON (file texts as strings, or `File`s to read), in the order
//! of the files the head names.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use engine::session::{Request, Response};

fn pack(head: String, beside: &Array) -> JsValue {
    let msg = Object::new();
    _ = Reflect::set(&msg, &"head".into(), &head.into());
    _ = Reflect::set(&msg, &"beside".into(), beside);
    msg.into()
}

fn unpack(msg: &JsValue) -> Option<(String, Array)> {
    let head = Reflect::get(msg, &"head".into()).ok()?.as_string()?;
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
    Some((serde_json::from_str(&head).ok()?, beside))
}

/// A response read back (`None`: not one of ours).
pub fn decode_response(msg: &JsValue) -> Option<(Response, Array)> {
    let (head, beside) = unpack(msg)?;
    Some((serde_json::from_str(&head).ok()?, beside))
}
