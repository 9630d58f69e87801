//! Merging the outbound DKIM, journaling and address alteration records
//! (catalog wave 2): each read once when an identical copy was loaded.

use std::borrow::Cow;

use super::{extend, non_empty, Merged, Record};
use crate::model::*;

record_by! {
    DkimDefinition => |r| non_empty(&r.id);
    JournalingService => |r| non_empty(&r.id);
    AlterationSet => |r| non_empty(&r.id);
    AlterationDefinition => |r| non_empty(&r.id);
}

/// Appends what one file loaded to what is already there.
pub(super) fn merge(into: &mut GatewayServices, from: GatewayServices, out: &mut Merged) {
    let GatewayServices {
        dkim_definitions,
        journaling,
        alteration_sets,
        alteration_definitions,
    } = from;
    extend(
        &mut into.dkim_definitions,
        dkim_definitions,
        "DNS Authentication - Outbound definition",
        out,
    );
    extend(&mut into.journaling, journaling, "journaling service", out);
    extend(
        &mut into.alteration_sets,
        alteration_sets,
        "Address Alteration Set",
        out,
    );
    extend(
        &mut into.alteration_definitions,
        alteration_definitions,
        "address alteration definition",
        out,
    );
}
