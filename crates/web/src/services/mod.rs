//! The service layer: what the product does, whoever asks. Pages and the API
//! are adapters over these functions: they parse input, call a service and
//! render its answer as HTML or JSON in the request's language.

pub mod accounts;
pub mod asks;
pub mod members;
pub mod org;
