//! Where on Earth an entity is, when its file says: latitude and longitude among its
//! attributes, as sigma.js examples, Kumu maps, Gephi's GeoLayout and spreadsheets write
//! them (`lat`/`lng`, `latitude`/`longitude`, `lon`, `long`, any case).

use super::Entity;

/// The attribute keys read as latitude, lower-cased.
const LATITUDE_KEYS: [&str; 2] = ["lat", "latitude"];
/// The attribute keys read as longitude, lower-cased.
const LONGITUDE_KEYS: [&str; 4] = ["lng", "lon", "long", "longitude"];

/// A point on Earth, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// The entity's latitude and longitude, if its attributes give both as numbers in range
/// (latitude −90 to 90, longitude −180 to 180).
pub fn location(entity: &Entity) -> Option<LatLon> {
    let number = |keys: &[&str], limit: f64| {
        entity
            .attributes
            .iter()
            .find(|(key, _)| keys.contains(&key.trim().to_lowercase().as_str()))
            .and_then(|(_, value)| value.trim().parse::<f64>().ok())
            .filter(|v| v.is_finite() && v.abs() <= limit)
    };
    Some(LatLon {
        lat: number(&LATITUDE_KEYS, 90.0)?,
        lon: number(&LONGITUDE_KEYS, 180.0)?,
    })
}

/// Points for `locations` inside a rectangle `width` × `height` (y down, north up), keeping
/// the map's proportions (an equirectangular projection, degrees of longitude shortened by
/// the cosine of the middle latitude so that a region far from the equator is not
/// stretched sideways). Relative to the rectangle's top-left corner.
pub fn project(locations: &[LatLon], width: f32, height: f32) -> Vec<(f32, f32)> {
    let Some(first) = locations.first() else {
        return Vec::new();
    };
    let (mut south, mut north, mut west, mut east) = (first.lat, first.lat, first.lon, first.lon);
    for l in locations {
        south = south.min(l.lat);
        north = north.max(l.lat);
        west = west.min(l.lon);
        east = east.max(l.lon);
    }
    let squeeze = f64::midpoint(south, north).to_radians().cos().max(0.1);
    let span_x = ((east - west) * squeeze).max(1e-9);
    let span_y = (north - south).max(1e-9);
    let scale = (f64::from(width) / span_x).min(f64::from(height) / span_y);
    // Centred in the rectangle; a single place (or one spot) sits in the middle.
    let used_x = if east > west { span_x * scale } else { 0.0 };
    let used_y = if north > south { span_y * scale } else { 0.0 };
    let left = (f64::from(width) - used_x) / 2.0;
    let top = (f64::from(height) - used_y) / 2.0;
    locations
        .iter()
        .map(|l| {
            let x = left + (l.lon - west) * squeeze * scale;
            let y = top + (north - l.lat) * scale;
            (x as f32, y as f32)
        })
        .collect()
}

/// Most rounds of pushing apart [`spread`] makes: close places settle in a few; a dense
/// cluster that has not settled by then is left a little crowded rather than flung about.
const SPREAD_ROUNDS: usize = 60;

/// Moves `points` apart until no two are nearer than `gap`, each as little as it can: places
/// a few kilometres apart (Paris and its suburbs) would otherwise be drawn as one blot of
/// overlapping nodes. Points already `gap` apart do not move. Deterministic: points at the
/// very same spot part along directions set by their order.
pub fn spread(points: &mut [(f32, f32)], gap: f32) {
    if points.len() < 2 || gap <= 0.0 || !gap.is_finite() {
        return;
    }
    for _ in 0..SPREAD_ROUNDS {
        // Points by grid cell of side `gap`: a point's too-near neighbours lie in the nine
        // cells around its own.
        let cell = |(x, y): (f32, f32)| ((x / gap).floor() as i64, (y / gap).floor() as i64);
        let mut grid: std::collections::HashMap<(i64, i64), Vec<usize>> =
            std::collections::HashMap::new();
        for (i, &p) in points.iter().enumerate() {
            grid.entry(cell(p)).or_default().push(i);
        }
        let mut pushes = vec![(0.0_f32, 0.0_f32); points.len()];
        let mut crowded = false;
        for (i, &(x, y)) in points.iter().enumerate() {
            let (cx, cy) = cell((x, y));
            for dx in -1..=1 {
                for dy in -1..=1 {
                    for &j in grid.get(&(cx + dx, cy + dy)).into_iter().flatten() {
                        if j <= i {
                            continue;
                        }
                        let (ox, oy) = points[j];
                        let (mut ux, mut uy) = (ox - x, oy - y);
                        let distance = ux.hypot(uy);
                        if distance >= gap {
                            continue;
                        }
                        crowded = true;
                        if distance < gap * 1e-3 {
                            // The same spot: part along a direction of their own.
                            let angle = (i * 7 + j * 13) as f32 * 0.618_034 * std::f32::consts::TAU;
                            (ux, uy) = (angle.cos(), angle.sin());
                        } else {
                            (ux, uy) = (ux / distance, uy / distance);
                        }
                        // Each moves half of what the pair lacks, a little more so that
                        // rounding does not leave them just short.
                        let half = (gap - distance) * 0.51;
                        pushes[i].0 -= ux * half;
                        pushes[i].1 -= uy * half;
                        pushes[j].0 += ux * half;
                        pushes[j].1 += uy * half;
                    }
                }
            }
        }
        if !crowded {
            return;
        }
        for (p, push) in points.iter_mut().zip(pushes) {
            p.0 += push.0;
            p.1 += push.1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity_with(attributes: &[(&str, &str)]) -> Entity {
        Entity {
            entity_id: "e".into(),
            name: "E".into(),
            kind: super::super::EntityKind::City,
            aliases: Vec::new(),
            country: None,
            description: None,
            url: None,
            attributes: attributes
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    #[test]
    fn latitude_and_longitude_are_read_under_their_usual_names() {
        let urumqi = entity_with(&[("lat", "43.8"), ("lng", "87.6")]);
        assert_eq!(
            location(&urumqi),
            Some(LatLon {
                lat: 43.8,
                lon: 87.6
            })
        );
        let belgrade = entity_with(&[("Latitude", " 44.8 "), ("LONGITUDE", "20.46")]);
        assert!(location(&belgrade).is_some());
        assert_eq!(location(&entity_with(&[("lat", "43.8")])), None);
        assert_eq!(
            location(&entity_with(&[("lat", "95"), ("lon", "10")])),
            None
        );
        assert_eq!(
            location(&entity_with(&[("lat", "north"), ("lon", "10")])),
            None
        );
    }

    #[test]
    fn the_map_keeps_north_up_east_right_and_its_proportions() {
        let places = [
            LatLon {
                lat: 50.0,
                lon: 0.0,
            },
            LatLon {
                lat: 40.0,
                lon: 20.0,
            },
        ];
        let points = project(&places, 1000.0, 1000.0);
        let (north_west, south_east) = (points[0], points[1]);
        assert!(north_west.0 < south_east.0, "west is left");
        assert!(north_west.1 < south_east.1, "north is up");
        // 20° of longitude at 45° N is about 14° of latitude: wider than tall, by that much.
        let width = south_east.0 - north_west.0;
        let height = south_east.1 - north_west.1;
        assert!((width / height - 1.414).abs() < 0.01, "{width} × {height}");
        assert!(points.iter().all(|p| (-0.01..=1000.01).contains(&p.0)));
        assert_eq!(project(&places[..1], 100.0, 80.0), vec![(50.0, 40.0)]);
    }

    #[test]
    fn close_places_move_apart_and_far_ones_stay() {
        let far = (500.0, 500.0);
        // Three places on one spot, one just beside them, and one far away.
        let mut points = vec![
            (100.0, 100.0),
            (100.0, 100.0),
            (100.0, 100.0),
            (103.0, 100.0),
            far,
        ];
        spread(&mut points, 10.0);
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                let d = (a.0 - b.0).hypot(a.1 - b.1);
                assert!(d >= 9.9, "{a:?} and {b:?} are {d} apart");
            }
        }
        assert_eq!(points[4], far, "a place with room does not move");
        for p in &points[..4] {
            let moved = (p.0 - 100.0).hypot(p.1 - 100.0);
            assert!(moved < 20.0, "{p:?} went {moved} from where it lies");
        }
        let mut same = points.clone();
        spread(&mut same, 10.0);
        assert_eq!(same, points, "spread points stay put");
    }
}
